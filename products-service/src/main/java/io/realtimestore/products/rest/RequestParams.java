package io.realtimestore.products.rest;

import io.realtimestore.products.service.CatalogException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parses path and query parameters with errors that name the parameter. JAX-RS would answer a non-numeric
 * id with a bare 404; a caller deserves to be told which parameter was wrong and why.
 */
final class RequestParams {

    private RequestParams() {
    }

    static long id(String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw CatalogException.badField("id", "must be a positive integer, got '" + abbreviate(value) + "'");
    }

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
            throw CatalogException.badField(name, "must be between " + min + " and " + max + ", got " + parsed);
        } catch (NumberFormatException e) {
            throw CatalogException.badField(name, "must be an integer, got '" + abbreviate(value) + "'");
        }
    }

    static BigDecimal price(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal parsed = new BigDecimal(value.strip());
            if (parsed.signum() < 0) {
                throw CatalogException.badField(name, "must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw CatalogException.badField(name, "must be a number, got '" + abbreviate(value) + "'");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw CatalogException.badField(name, "must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw CatalogException.badField(name, "must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
