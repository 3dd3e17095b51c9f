package io.realtimestore.products.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimestore.dto.ProductInput;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NDJSON: one product object per line; blank lines are skipped. A line longer than the limit is rejected
 * without being held in memory.
 */
final class NdjsonRowReader implements ImportRowReader {

    private static final Pattern SKU = Pattern.compile("\"sku\"\\s*:\\s*\"([^\"]{1,64})\"");

    private final BufferedReader reader;
    private final ObjectReader json;
    private final Validator validator;
    private final int maxLineChars;
    private long lineNumber;

    NdjsonRowReader(InputStream body, ObjectMapper mapper, Validator validator, int maxLineChars) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        this.json = mapper.readerFor(ProductInput.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.validator = validator;
        this.maxLineChars = maxLineChars;
    }

    @Override
    public ImportRow next() {
        while (true) {
            String line = readBoundedLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            if (line == TOO_LONG) {
                return ImportRow.bad(lineNumber, null, "line longer than " + maxLineChars + " characters");
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                ProductInput input = json.readValue(line);
                if (input == null) {
                    return ImportRow.bad(lineNumber, null, "not a JSON object");
                }
                String problem = RowProblems.validate(validator, input);
                return problem == null ? ImportRow.ok(lineNumber, input) : ImportRow.bad(lineNumber, input.sku(), problem);
            } catch (IOException e) {
                return ImportRow.bad(lineNumber, guessSku(line), RowProblems.describe(e));
            }
        }
    }

    private static final String TOO_LONG = new String("<too long>");

    /** Reads one line; a line over the limit is skipped to its end and reported as {@link #TOO_LONG}. */
    private String readBoundedLine() {
        try {
            StringBuilder line = new StringBuilder();
            boolean overflow = false;
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '\n') {
                    return overflow ? TOO_LONG : stripCarriageReturn(line);
                }
                if (!overflow) {
                    if (line.length() >= maxLineChars) {
                        overflow = true;
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            }
            if (overflow) {
                return TOO_LONG;
            }
            return line.isEmpty() ? null : stripCarriageReturn(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripCarriageReturn(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    private static String guessSku(String line) {
        Matcher m = SKU.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
