package io.realtimestore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The tables, columns, keys and sequences that SQL Server DDL scripts create (CREATE TABLE / CREATE SEQUENCE). */
public record DdlSchema(Map<String, Table> tables, Map<String, Sequence> sequences) {

    /** {@code type} is upper case without spaces, e.g. NVARCHAR(120), NUMERIC(9,2), VARBINARY(MAX), BIGINT. */
    public record Column(String name, String type, boolean nullable, boolean identity) {
    }

    public record Table(String name, Map<String, Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
    }

    public record Sequence(String name, long start, long increment) {
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*create\\s+table\\s+(?:\\[?dbo]?\\.)?\\[?(\\w+)]?\\s*\\((.*)\\)\\s*$");
    private static final Pattern CREATE_SEQUENCE = Pattern.compile(
            "(?is)^\\s*create\\s+sequence\\s+(?:\\[?dbo]?\\.)?\\[?(\\w+)]?(?:\\s+as\\s+\\w+)?\\s+start\\s+with\\s+(-?\\d+)\\s+increment\\s+by\\s+(-?\\d+).*$");
    private static final Pattern KEY_COLUMNS = Pattern.compile("(?i)(primary\\s+key|unique)(?:\\s+(?:non)?clustered)?\\s*\\(([^)]*)\\)");
    private static final Pattern COLUMN = Pattern.compile("(?is)^\\[?(\\w+)]?\\s+(\\w+(?:\\s*\\([^)]*\\))?)(.*)$");

    /** The scripts V&lt;n&gt;__&lt;name&gt;.sql of a folder, applied in version order (V2 before V10). */
    public static DdlSchema read(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList();
            StringBuilder all = new StringBuilder();
            for (Path script : scripts) {
                all.append(Files.readString(script)).append("\nGO\n");
            }
            return parse(all.toString());
        }
    }

    public static DdlSchema parse(String sql) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, Sequence> sequences = new LinkedHashMap<>();
        String withoutComments = sql.replaceAll("--[^\\n]*", "");
        for (String statement : withoutComments.split("(?im);|^\\s*GO\\s*$")) {
            Matcher table = CREATE_TABLE.matcher(statement);
            if (table.matches()) {
                Table parsed = table(lower(table.group(1)), table.group(2));
                tables.put(parsed.name(), parsed);
            }
            Matcher sequence = CREATE_SEQUENCE.matcher(statement);
            if (sequence.matches()) {
                String name = lower(sequence.group(1));
                sequences.put(name, new Sequence(name, Long.parseLong(sequence.group(2)), Long.parseLong(sequence.group(3))));
            }
        }
        return new DdlSchema(tables, sequences);
    }

    private static Table table(String name, String body) {
        Map<String, Column> columns = new LinkedHashMap<>();
        List<String> primaryKey = new ArrayList<>();
        List<List<String>> uniqueKeys = new ArrayList<>();
        for (String part : splitTopLevel(body)) {
            String p = part.strip().replaceAll("\\s+", " ");
            String head = p.toLowerCase(Locale.ROOT);
            if (head.startsWith("constraint ") || head.startsWith("primary key") || head.startsWith("unique")
                    || head.startsWith("foreign key") || head.startsWith("check") || head.startsWith("index ")) {
                Matcher key = KEY_COLUMNS.matcher(p);
                if (key.find()) {
                    List<String> keyColumns = List.of(key.group(2).split(",")).stream().map(c -> lower(c.strip().replaceAll("[\\[\\]]|\\s+(?i)(asc|desc)$", ""))).toList();
                    if (key.group(1).toLowerCase(Locale.ROOT).startsWith("primary")) {
                        primaryKey.addAll(keyColumns);
                    } else {
                        uniqueKeys.add(keyColumns);
                    }
                }
                continue;
            }
            Matcher column = COLUMN.matcher(p);
            if (!column.matches()) {
                throw new IllegalArgumentException("table " + name + ": cannot read column definition '" + p + "'");
            }
            String columnName = lower(column.group(1));
            String rest = column.group(3).toLowerCase(Locale.ROOT);
            boolean notNull = rest.matches(".*\\bnot null\\b.*") || rest.contains("primary key");
            columns.put(columnName, new Column(columnName, column.group(2).replaceAll("\\s+", "").toUpperCase(Locale.ROOT), !notNull,
                    rest.contains("identity")));
            if (rest.contains("primary key")) {
                primaryKey.add(columnName);
            }
            if (rest.matches(".*\\bunique\\b.*")) {
                uniqueKeys.add(List.of(columnName));
            }
        }
        return new Table(name, columns, List.copyOf(primaryKey), List.copyOf(uniqueKeys));
    }

    /** Splits a column list at commas that are not inside parentheses (NUMERIC(9,2), key column lists). */
    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts.stream().filter(s -> !s.isBlank()).toList();
    }

    private static String lower(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
