package io.realtimestore.products.service;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.realtimestore.dto.ProductInput;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CSV with a header row naming the columns (the JSON field names). {@code tags} are separated by {@code |};
 * {@code attributes} are {@code key=value} pairs separated by {@code |}. A header with an unknown or missing
 * column is refused as a whole, before any row is imported.
 */
final class CsvRowReader implements ImportRowReader {

    static final List<String> COLUMNS = List.of("sku", "name", "description", "brand", "category", "price",
            "currency", "stock", "imageUrl", "tags", "attributes");
    static final Set<String> REQUIRED = Set.of("sku", "name", "brand", "category", "price", "stock");

    private final MappingIterator<Map<String, String>> rows;
    private final Validator validator;
    private long recordNumber;

    CsvRowReader(InputStream body, Validator validator, int maxRowChars) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxRowChars).build());
        mapper.enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
        this.rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnReordering(true))
                .readValues(body);
        this.validator = validator;
        checkHeader((CsvSchema) rows.getParser().getSchema());
    }

    private static void checkHeader(CsvSchema header) {
        List<String> names = header.getColumnNames();
        List<String> unknown = names.stream().filter(n -> !COLUMNS.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw CatalogException.badField("header", "unknown column(s) " + unknown + "; the columns are " + COLUMNS);
        }
        List<String> missing = REQUIRED.stream().filter(n -> !names.contains(n)).sorted().toList();
        if (!missing.isEmpty() && !names.isEmpty()) {
            throw CatalogException.badField("header", "missing required column(s) " + missing);
        }
    }

    @Override
    public ImportRow next() {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            recordNumber++;
            Map<String, String> record = rows.nextValue();
            return toRow(record);
        } catch (IOException | RuntimeException e) {
            recordNumber++;
            return ImportRow.bad(recordNumber, null, "unreadable CSV record: " + firstLine(e.getMessage()));
        }
    }

    private ImportRow toRow(Map<String, String> r) {
        String sku = blankToNull(r.get("sku"));
        BigDecimal price;
        Integer stock;
        try {
            price = r.get("price") == null || r.get("price").isBlank() ? null : new BigDecimal(r.get("price"));
        } catch (NumberFormatException e) {
            return ImportRow.bad(recordNumber, sku, "price: must be a number");
        }
        try {
            stock = r.get("stock") == null || r.get("stock").isBlank() ? null : Integer.valueOf(r.get("stock"));
        } catch (NumberFormatException e) {
            return ImportRow.bad(recordNumber, sku, "stock: must be an integer");
        }
        Map<String, String> attributes;
        try {
            attributes = attributes(r.get("attributes"));
        } catch (IllegalArgumentException e) {
            return ImportRow.bad(recordNumber, sku, "attributes: " + e.getMessage());
        }
        ProductInput input = new ProductInput(sku, blankToNull(r.get("name")), blankToNull(r.get("description")),
                blankToNull(r.get("brand")), blankToNull(r.get("category")), price, blankToNull(r.get("currency")),
                stock, blankToNull(r.get("imageUrl")), tags(r.get("tags")), attributes, null);
        String problem = RowProblems.validate(validator, input);
        return problem == null ? ImportRow.ok(recordNumber, input) : ImportRow.bad(recordNumber, sku, problem);
    }

    private static List<String> tags(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> attributes(String value) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return attributes;
        }
        for (String pair : value.split("\\|")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value pairs separated by '|', got '" + pair.strip() + "'");
            }
            attributes.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return attributes;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 160 ? first.substring(0, 160) + "…" : first;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    static String describeColumns() {
        return COLUMNS.stream().collect(Collectors.joining(","));
    }
}
