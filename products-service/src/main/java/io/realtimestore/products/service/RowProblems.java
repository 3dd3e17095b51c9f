package io.realtimestore.products.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.realtimestore.dto.ProductInput;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/** Human-readable reasons for rejected import rows, naming the field as the API's problem responses do. */
final class RowProblems {

    private RowProblems() {
    }

    /** Null when valid, otherwise e.g. {@code "price: must not be negative; sku: must not be blank"}. */
    static String validate(Validator validator, ProductInput input) {
        Set<ConstraintViolation<ProductInput>> violations = validator.validate(input);
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .map(v -> v.getPropertyPath().toString().replaceAll("<[^>]*>", "") + ": " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; "));
    }

    static String describe(Exception e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return path(f) + ": wrong type (" + f.getValue() + ")";
        }
        if (e instanceof MismatchedInputException m) {
            String path = path(m);
            return path.isEmpty() ? "not a JSON object" : path + ": wrong type";
        }
        if (e instanceof JsonParseException p) {
            return "malformed JSON at column " + p.getLocation().getColumnNr();
        }
        return "unreadable row";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
