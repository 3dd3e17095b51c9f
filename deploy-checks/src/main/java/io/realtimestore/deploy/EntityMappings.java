package io.realtimestore.deploy;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and columns JPA entity classes map to, read from their annotations by reflection. Annotations are read
 * by name (jakarta.persistence, org.hibernate.annotations) so this class needs neither library to compile; the
 * caller's class path must hold them for the annotations to be visible at all.
 */
public final class EntityMappings {

    /**
     * One mapped column. {@code storedType} is the Java type written to the database: the field's type, or the
     * database-side type of its {@code @Convert} converter. {@code length}, {@code precision} and {@code scale} are
     * {@code @Column}'s (JPA's defaults: 255, 0, 0).
     */
    public record MappedColumn(String field, String name, Class<?> storedType, boolean nullable, int length, int precision,
            int scale, boolean national, boolean identity, boolean unique, boolean id) {
    }

    public record MappedSequence(String name, long start, long increment) {
    }

    public record MappedTable(String entity, String name, Map<String, MappedColumn> columns, List<MappedSequence> sequences) {
    }

    private static final String JPA = "jakarta.persistence.";

    private EntityMappings() {
    }

    public static boolean isEntity(Class<?> type) {
        return annotation(type.getAnnotations(), JPA + "Entity").isPresent();
    }

    public static MappedTable of(Class<?> entity) {
        if (!isEntity(entity)) {
            throw new IllegalArgumentException(entity.getName() + " is not an @Entity");
        }
        String table = annotation(entity.getAnnotations(), JPA + "Table").map(t -> (String) value(t, "name"))
                .filter(n -> !n.isEmpty()).orElse(entity.getSimpleName());
        Map<String, MappedColumn> columns = new LinkedHashMap<>();
        List<MappedSequence> sequences = new ArrayList<>();
        for (Field field : entity.getDeclaredFields()) {
            Annotation[] annotations = field.getAnnotations();
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || annotation(annotations, JPA + "Transient").isPresent()) {
                continue;
            }
            Optional<Annotation> column = annotation(annotations, JPA + "Column");
            boolean id = annotation(annotations, JPA + "Id").isPresent();
            Optional<Annotation> generated = annotation(annotations, JPA + "GeneratedValue");
            String strategy = generated.map(g -> String.valueOf(value(g, "strategy"))).orElse("");
            String name = column.map(c -> (String) value(c, "name")).filter(n -> !n.isEmpty()).orElse(field.getName());
            boolean nullable = !field.getType().isPrimitive() && !id && column.map(c -> (Boolean) value(c, "nullable")).orElse(true);
            columns.put(name.toLowerCase(Locale.ROOT), new MappedColumn(field.getName(), name.toLowerCase(Locale.ROOT),
                    storedType(field, annotations), nullable,
                    column.map(c -> (Integer) value(c, "length")).orElse(255),
                    column.map(c -> (Integer) value(c, "precision")).orElse(0),
                    column.map(c -> (Integer) value(c, "scale")).orElse(0),
                    annotation(annotations, "org.hibernate.annotations.Nationalized").isPresent(),
                    strategy.equals("IDENTITY"), column.map(c -> (Boolean) value(c, "unique")).orElse(false), id));
            if (strategy.equals("SEQUENCE")) {
                String generator = (String) value(generated.orElseThrow(), "generator");
                annotation(annotations, JPA + "SequenceGenerator")
                        .filter(s -> generator.isEmpty() || generator.equals(value(s, "name")))
                        .ifPresentOrElse(s -> sequences.add(new MappedSequence(
                                        ((String) value(s, "sequenceName")).isEmpty() ? (String) value(s, "name") : (String) value(s, "sequenceName"),
                                        (Integer) value(s, "initialValue"), (Integer) value(s, "allocationSize"))),
                                () -> sequences.add(new MappedSequence(generator.isEmpty() ? entity.getSimpleName() + "_seq" : generator, 1, 50)));
            }
        }
        return new MappedTable(entity.getName(), table.toLowerCase(Locale.ROOT), columns, sequences);
    }

    /** The Java type the column holds: for a converted field, the converter's database-side type argument. */
    private static Class<?> storedType(Field field, Annotation[] annotations) {
        Optional<Annotation> convert = annotation(annotations, JPA + "Convert");
        if (convert.isEmpty()) {
            return field.getType();
        }
        Class<?> converter = (Class<?>) value(convert.get(), "converter");
        for (Class<?> c = converter; c != null; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && ((Class<?>) p.getRawType()).getName().equals(JPA + "AttributeConverter")
                        && p.getActualTypeArguments()[1] instanceof Class<?> databaseType) {
                    return databaseType;
                }
            }
        }
        throw new IllegalArgumentException(field + ": cannot tell the database type of converter " + converter.getName());
    }

    private static Optional<Annotation> annotation(Annotation[] annotations, String typeName) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(typeName)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static Object value(Annotation annotation, String attribute) {
        try {
            Method method = annotation.annotationType().getMethod(attribute);
            return method.invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + " has no " + attribute, e);
        }
    }
}
