package io.realtimestore.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates server events against ../shared/realtime/realtime-ga.schema.json (the GA protocol as published). When
 * that folder is absent (a checkout without ../shared) validation is skipped and says so once.
 */
public final class GaSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA = locate();
    private static final Map<String, JsonSchema> BY_TYPE = new ConcurrentHashMap<>();
    private static JsonNode document;
    private static boolean warned;

    private GaSchema() {
    }

    public static boolean available() {
        if (SCHEMA == null && !warned) {
            warned = true;
            System.err.println("*** ../shared/realtime/realtime-ga.schema.json not found: GA schema validation of gateway "
                    + "events is SKIPPED in this run ***");
        }
        return SCHEMA != null;
    }

    /** @return problems found (empty when valid or when validation is unavailable) */
    public static synchronized List<String> problems(JsonNode event) {
        if (!available()) {
            return List.of();
        }
        String type = event.path("type").asText();
        JsonSchema schema = BY_TYPE.computeIfAbsent(type, GaSchema::schemaFor);
        if (schema == null) {
            return List.of("event type '" + type + "' is not a GA server event");
        }
        Set<ValidationMessage> messages = schema.validate(event);
        return messages.stream().map(message -> type + ": " + message.getMessage()).toList();
    }

    private static JsonSchema schemaFor(String type) {
        try {
            if (document == null) {
                document = JSON.readTree(SCHEMA.toFile());
            }
            JsonNode ref = document.path("x-server-events").get(type);
            if (ref == null) {
                return null;
            }
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            return factory.getSchema(SchemaLocation.of(SCHEMA.toUri() + ref.asText()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/realtime/realtime-ga.schema.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("realtime/realtime-ga.schema.json");
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        }
        return null;
    }
}
