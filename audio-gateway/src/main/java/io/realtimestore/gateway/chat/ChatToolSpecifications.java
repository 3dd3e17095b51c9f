package io.realtimestore.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The product tools for LangChain4j, made from the very definitions the Realtime session declares
 * ({@code ProductTools.definitions}): one definition of each tool serves voice and text. Only the JSON Schema the
 * definitions use is translated (object, string, number, integer, boolean, array of those); bounds such as
 * {@code minimum} are not expressible in LangChain4j's schema and are enforced by the tools' argument checks anyway.
 */
final class ChatToolSpecifications {

    private ChatToolSpecifications() {
    }

    static List<ToolSpecification> from(JsonNode realtimeTools) {
        List<ToolSpecification> specifications = new ArrayList<>();
        for (JsonNode tool : realtimeTools) {
            specifications.add(ToolSpecification.builder()
                    .name(tool.path("name").asText())
                    .description(tool.path("description").asText())
                    .parameters(object(tool.path("parameters")))
                    .build());
        }
        return List.copyOf(specifications);
    }

    private static JsonObjectSchema object(JsonNode schema) {
        JsonObjectSchema.Builder object = JsonObjectSchema.builder();
        if (schema.hasNonNull("description")) {
            object.description(schema.get("description").asText());
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            object.addProperty(property.getKey(), element(property.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return object.required(required).build();
    }

    private static JsonSchemaElement element(JsonNode schema) {
        String description = schema.path("description").asText(null);
        return switch (schema.path("type").asText()) {
            case "object" -> object(schema);
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> JsonArraySchema.builder().description(description).items(element(schema.path("items"))).build();
            default -> throw new IllegalArgumentException("tool parameter type '" + schema.path("type").asText()
                    + "' has no LangChain4j equivalent here");
        };
    }
}
