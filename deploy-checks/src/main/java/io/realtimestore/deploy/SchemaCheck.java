package io.realtimestore.deploy;

import io.realtimestore.deploy.DdlSchema.Column;
import io.realtimestore.deploy.DdlSchema.Table;
import io.realtimestore.deploy.EntityMappings.MappedColumn;
import io.realtimestore.deploy.EntityMappings.MappedSequence;
import io.realtimestore.deploy.EntityMappings.MappedTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Compares the SQL Server DDL with the entity mappings: the same tables and columns, SQL types that hold the Java
 * types (and their lengths, precision and scale), nullability, identity columns, primary and unique keys, and the
 * id sequences with their allocation size. Each difference is one line naming table and column.
 */
public final class SchemaCheck {

    /** VARCHAR and VARBINARY hold up to 8000 bytes inline, NVARCHAR 4000 characters; longer columns are (MAX). */
    private static final int MAX_INLINE_BYTES = 8000;
    private static final int MAX_INLINE_NCHARS = 4000;

    private SchemaCheck() {
    }

    public static List<String> compare(List<MappedTable> entities, DdlSchema ddl) {
        List<String> problems = new ArrayList<>();
        Set<String> mappedTables = entities.stream().map(MappedTable::name).collect(Collectors.toCollection(TreeSet::new));
        for (String table : ddl.tables().keySet()) {
            if (!mappedTables.contains(table)) {
                problems.add("table " + table + ": created by the DDL but mapped by no entity");
            }
        }
        for (MappedTable entity : entities) {
            Table table = ddl.tables().get(entity.name());
            if (table == null) {
                problems.add("table " + entity.name() + " (" + entity.entity() + "): mapped but not created by the DDL");
                continue;
            }
            compareColumns(entity, table, problems);
            for (MappedSequence sequence : entity.sequences()) {
                DdlSchema.Sequence created = ddl.sequences().get(sequence.name().toLowerCase(java.util.Locale.ROOT));
                if (created == null) {
                    problems.add("sequence " + sequence.name() + " (" + entity.entity() + "): used for ids but not created by the DDL");
                } else if (created.increment() != sequence.increment() || created.start() != sequence.start()) {
                    problems.add("sequence " + sequence.name() + ": DDL starts at " + created.start() + " by " + created.increment()
                            + ", the mapping expects " + sequence.start() + " by " + sequence.increment() + " (allocationSize)");
                }
            }
        }
        return problems;
    }

    private static void compareColumns(MappedTable entity, Table table, List<String> problems) {
        String where = "table " + table.name();
        for (String column : table.columns().keySet()) {
            if (!entity.columns().containsKey(column)) {
                problems.add(where + ", column " + column + ": in the DDL but mapped by no field of " + entity.entity());
            }
        }
        for (MappedColumn mapped : entity.columns().values()) {
            Column column = table.columns().get(mapped.name());
            String at = where + ", column " + mapped.name();
            if (column == null) {
                problems.add(at + ": mapped by " + mapped.field() + " but not in the DDL");
                continue;
            }
            List<String> accepted = sqlTypes(mapped);
            if (accepted.stream().noneMatch(type -> matches(type, column.type()))) {
                problems.add(at + ": DDL type " + column.type() + " cannot hold " + mapped.storedType().getSimpleName() + " "
                        + mapped.field() + " as mapped (expected " + String.join(" or ", accepted) + ")");
            }
            if (column.nullable() != mapped.nullable()) {
                problems.add(at + ": DDL says " + (column.nullable() ? "NULL" : "NOT NULL") + ", the mapping says "
                        + (mapped.nullable() ? "nullable" : "not nullable"));
            }
            if (column.identity() != mapped.identity()) {
                problems.add(at + ": " + (mapped.identity() ? "mapped as an IDENTITY id but the DDL column is not IDENTITY"
                        : "IDENTITY in the DDL but the mapping does not generate it that way"));
            }
            if (mapped.id() && !table.primaryKey().equals(List.of(mapped.name()))) {
                problems.add(at + ": the mapping's @Id, but the DDL's primary key is " + table.primaryKey());
            }
            if (mapped.unique() && !table.uniqueKeys().contains(List.of(mapped.name()))) {
                problems.add(at + ": unique in the mapping but no UNIQUE constraint on it in the DDL");
            }
        }
    }

    /** "DATETIMEOFFSET(*)" accepts any fractional-second precision; everything else must be equal. */
    private static boolean matches(String accepted, String actual) {
        if (accepted.endsWith("(*)")) {
            String base = accepted.substring(0, accepted.length() - 3);
            return actual.equals(base) || actual.startsWith(base + "(");
        }
        return accepted.equals(actual);
    }

    /** SQL Server types that hold a mapped column (Hibernate's SQL Server mapping of the Java type). */
    static List<String> sqlTypes(MappedColumn c) {
        Class<?> t = c.storedType();
        if (t == Long.class || t == long.class) {
            return List.of("BIGINT");
        }
        if (t == Integer.class || t == int.class) {
            return List.of("INT", "INTEGER");
        }
        if (t == Short.class || t == short.class) {
            return List.of("SMALLINT");
        }
        if (t == Boolean.class || t == boolean.class) {
            return List.of("BIT");
        }
        if (t == String.class) {
            if (c.national()) {
                return List.of(c.length() > MAX_INLINE_NCHARS ? "NVARCHAR(MAX)" : "NVARCHAR(" + c.length() + ")");
            }
            return List.of(c.length() > MAX_INLINE_BYTES ? "VARCHAR(MAX)" : "VARCHAR(" + c.length() + ")");
        }
        if (t == BigDecimal.class) {
            return List.of("NUMERIC(" + c.precision() + "," + c.scale() + ")", "DECIMAL(" + c.precision() + "," + c.scale() + ")");
        }
        if (t == Instant.class || t == OffsetDateTime.class || t == ZonedDateTime.class) {
            return List.of("DATETIMEOFFSET(*)");
        }
        if (t == LocalDateTime.class) {
            return List.of("DATETIME2(*)");
        }
        if (t == LocalDate.class) {
            return List.of("DATE");
        }
        if (t == byte[].class) {
            return List.of(c.length() > MAX_INLINE_BYTES ? "VARBINARY(MAX)" : "VARBINARY(" + c.length() + ")");
        }
        if (t == UUID.class) {
            return List.of("UNIQUEIDENTIFIER");
        }
        return List.of("<no rule for " + t.getName() + ": add one to SchemaCheck>");
    }
}
