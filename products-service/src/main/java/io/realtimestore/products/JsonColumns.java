package io.realtimestore.products;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import java.util.Map;

/** JSON text columns for the small collections a product carries (portable across H2 and SQL Server). */
final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    private static String write(Object value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise column value", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type, T empty) {
        try {
            return json == null || json.isBlank() ? empty : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored column holds invalid JSON", e);
        }
    }

    @Converter
    public static class TagsConverter implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> tags) {
            return write(tags == null || tags.isEmpty() ? null : tags);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() { }, List.of());
        }
    }

    @Converter
    public static class AttributesConverter implements AttributeConverter<Map<String, String>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, String> attributes) {
            return write(attributes == null || attributes.isEmpty() ? null : attributes);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<Map<String, String>>() { }, Map.of());
        }
    }
}
