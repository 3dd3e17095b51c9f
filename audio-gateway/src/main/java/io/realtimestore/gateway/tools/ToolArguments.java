package io.realtimestore.gateway.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.gateway.protocol.Events;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON arguments a model wrote, naming what is wrong so the model can correct itself. */
final class ToolArguments {

    private final JsonNode node;

    private ToolArguments(JsonNode node) {
        this.node = node;
    }

    static ToolArguments parse(String arguments) throws InvalidArguments {
        try {
            JsonNode node = Events.parse(arguments == null || arguments.isBlank() ? "{}" : arguments);
            if (!node.isObject()) {
                throw new InvalidArguments("arguments must be a JSON object");
            }
            return new ToolArguments(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidArguments("arguments are not valid JSON");
        }
    }

    String requiredText(String name, int maxLength) throws InvalidArguments {
        String value = optionalText(name, maxLength);
        if (value == null) {
            throw new InvalidArguments("'" + name + "' is required");
        }
        return value;
    }

    String optionalText(String name, int maxLength) throws InvalidArguments {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            throw new InvalidArguments("'" + name + "' must be text of at most " + maxLength + " characters");
        }
        return value.asText().strip();
    }

    BigDecimal optionalPrice(String name) throws InvalidArguments {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw new InvalidArguments("'" + name + "' must be a non-negative number");
        }
        return value.decimalValue();
    }

    boolean optionalBoolean(String name) throws InvalidArguments {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidArguments("'" + name + "' must be true or false");
        }
        return value.asBoolean();
    }

    int optionalInt(String name, int fallback, int min, int max) throws InvalidArguments {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidArguments("'" + name + "' must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    long requiredId(String name) throws InvalidArguments {
        return id(node.get(name), name);
    }

    List<Long> ids(String name, int min, int max) throws InvalidArguments {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray() || value.size() < min || value.size() > max) {
            throw new InvalidArguments("'" + name + "' must be a list of " + min + " to " + max + " product ids");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode element : value) {
            ids.add(id(element, name));
        }
        return ids;
    }

    private static long id(JsonNode value, String name) throws InvalidArguments {
        if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value != null && value.isTextual() && value.asText().strip().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText().strip());
        }
        throw new InvalidArguments("'" + name + "' must be a product id (a positive number from search results)");
    }

    static final class InvalidArguments extends Exception {
        InvalidArguments(String message) {
            super(message, null, false, false);
        }
    }
}
