package io.realtimestore.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.junit.jupiter.api.Test;

/**
 * The SQL Server scripts in deploy/db-init/ are what production runs, with Hibernate validating the schema at
 * start. This test asks Hibernate for the schema it expects on SQL Server (offline, no database) and checks
 * that the scripts create the same tables, columns, types, nullability and sequences.
 */
class SchemaMatchesDdlTest {

    private static final Path DDL_DIR = Path.of("..", "deploy", "db-init");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "create table (\\w+) \\((.*)\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CREATE_SEQUENCE = Pattern.compile(
            "create sequence (\\w+) start with (\\d+) increment by (\\d+)", Pattern.CASE_INSENSITIVE);

    @Test
    void deployScriptsCreateTheSchemaTheEntitiesExpect() throws IOException {
        Schema expected = Schema.parse(hibernateSqlServerDdl());
        Schema actual = Schema.parse(deployScripts());
        assertThat(expected.tables()).as("Hibernate produced a schema").isNotEmpty();
        assertThat(actual.tables().keySet()).isEqualTo(expected.tables().keySet());
        expected.tables().forEach((table, columns) ->
                assertThat(actual.tables().get(table)).as("columns of %s", table).isEqualTo(columns));
        assertThat(actual.sequences()).isEqualTo(expected.sequences());
    }

    private static String deployScripts() throws IOException {
        try (Stream<Path> files = Files.list(DDL_DIR)) {
            List<Path> scripts = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
            assertThat(scripts).as("versioned scripts in %s", DDL_DIR).isNotEmpty();
            StringBuilder all = new StringBuilder();
            for (Path script : scripts) {
                all.append(Files.readString(script)).append('\n');
            }
            return all.toString();
        }
    }

    private static String hibernateSqlServerDdl() throws IOException {
        Path out = Files.createTempFile("expected-schema", ".sql");
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.dialect", "org.hibernate.dialect.SQLServerDialect");
        settings.put("jakarta.persistence.database-product-name", "Microsoft SQL Server");
        settings.put("jakarta.persistence.database-major-version", "16");
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        settings.put("jakarta.persistence.schema-generation.scripts.action", "create");
        settings.put("jakarta.persistence.schema-generation.scripts.create-target", out.toString());
        settings.put("hibernate.hbm2ddl.delimiter", ";");
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            var metadata = new MetadataSources(registry)
                    .addAnnotatedClass(Product.class)
                    .addAnnotatedClass(ProductEmbedding.class)
                    .addAnnotatedClass(CatalogChange.class)
                    .buildMetadata();
            SchemaManagementToolCoordinator.process(metadata, registry, settings, dropAction -> { });
            String ddl = Files.readString(out);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "hibernate-sqlserver-schema.sql"), ddl);
            return ddl;
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
            Files.deleteIfExists(out);
        }
    }

    /** Tables → column → "type [not null]", and sequences → "start/increment", read from DDL text. */
    record Schema(Map<String, Map<String, String>> tables, Map<String, String> sequences) {

        static Schema parse(String ddl) {
            Map<String, Map<String, String>> tables = new TreeMap<>();
            Map<String, String> sequences = new TreeMap<>();
            String withoutComments = ddl.lines().map(l -> l.replaceAll("--.*$", "")).collect(Collectors.joining("\n"));
            for (String statement : withoutComments.split(";|\\bGO\\b")) {
                String s = statement.strip().replaceAll("\\s+", " ");
                Matcher table = CREATE_TABLE.matcher(s);
                if (table.find()) {
                    tables.put(table.group(1).toLowerCase(Locale.ROOT), columns(table.group(2)));
                }
                Matcher sequence = CREATE_SEQUENCE.matcher(s);
                if (sequence.find()) {
                    sequences.put(sequence.group(1).toLowerCase(Locale.ROOT), sequence.group(2) + "/" + sequence.group(3));
                }
            }
            return new Schema(tables, sequences);
        }

        private static Map<String, String> columns(String body) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (String part : body.split(",(?![^()]*\\))")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("primary key") || p.startsWith("constraint") || p.startsWith("unique")
                        || p.startsWith("foreign key")) {
                    continue;
                }
                String[] words = p.split(" ", 2);
                String rest = words.length > 1 ? words[1] : "";
                String type = rest.replaceAll("\\b(identity|not null|null|unique|primary key|default \\S+)\\b.*", "")
                        .replaceAll("\\s+", "").strip();
                columns.put(words[0], type + (rest.contains("not null") ? " not null" : ""));
            }
            return new TreeMap<>(columns);
        }
    }
}
