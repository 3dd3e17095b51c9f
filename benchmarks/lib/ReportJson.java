import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The small JSON writer behind every benchmark's latest.json: maps, collections, records, strings, numbers, booleans. */
final class ReportJson {

    private ReportJson() {
    }

    static String toJson(Object v) {
        if (v == null || (v instanceof Double d && !Double.isFinite(d))) return "null";
        if (v instanceof Double d) return BigDecimal.valueOf(Math.round(d * 1000) / 1000.0).toPlainString();
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof Path p) return quote(p.toString());
        if (v instanceof Record r) return toJson(fields(r));
        if (v instanceof Collection<?> c) return c.stream().map(ReportJson::toJson).collect(Collectors.joining(",", "[", "]"));
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(e.getKey().toString()) + ":" + toJson(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return quote(v.toString());
    }

    /** A Markdown table from rows of cells (the first row is the header), columns padded, numbers right-aligned. */
    static String markdownTable(java.util.List<java.util.List<String>> rows) {
        int[] w = new int[rows.get(0).size()];
        rows.forEach(r -> { for (int c = 0; c < r.size(); c++) w[c] = Math.max(w[c], r.get(c).length()); });
        java.util.function.Function<java.util.List<String>, String> line = r -> java.util.stream.IntStream.range(0, r.size())
                .mapToObj(c -> String.format("%" + (c == 0 ? "-" : "") + w[c] + "s", r.get(c))).collect(Collectors.joining(" | ", "| ", " |\n"));
        String rule = java.util.stream.IntStream.range(0, w.length).mapToObj(c -> "-".repeat(w[c] + 1) + (c == 0 ? "-" : ":"))
                .collect(Collectors.joining("|", "|", "|\n"));
        return line.apply(rows.get(0)) + rule + rows.stream().skip(1).map(line).collect(Collectors.joining());
    }

    /** Rows "| name | value |" for a record's components (values in backticks when {@code code}). */
    static void appendRows(StringBuilder md, Record record, boolean code) {
        String tick = code ? "`" : "";
        fields(record).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(tick).append(v).append(tick).append(" |\n"));
    }

    /**
     * Writes latest.md and latest.json into {@code dir}; the JSON holds the time, machine, inputs, then
     * {@code figures} (name → value, in order) and the targets.
     */
    static void writeLatest(Path dir, String markdown, Record machine, Record inputs, Map<String, Object> figures,
            Object targets) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generatedAt", java.time.Instant.now().toString());
        json.put("machine", machine);
        json.put("inputs", inputs);
        json.putAll(figures);
        json.put("targets", targets);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("latest.md"), markdown);
        Files.writeString(dir.resolve("latest.json"), toJson(json) + "\n");
    }

    /** A record's components by name; process handles are not data and are left out. */
    static Map<String, Object> fields(Record r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getType() == Process.class) continue;
            try {
                fields.put(c.getName(), c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }
}
