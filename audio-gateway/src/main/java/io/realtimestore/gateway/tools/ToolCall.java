package io.realtimestore.gateway.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A function call the model made: {@code arguments} is the JSON text the model wrote. */
public record ToolCall(String callId, String name, String arguments, String itemId) {

    /** The function calls among a finished response's output items (the {@code response} of response.done). */
    public static List<ToolCall> in(JsonNode response) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode item : response.path("output")) {
            if (item.path("type").asText("").equals("function_call")) {
                calls.add(new ToolCall(item.path("call_id").asText(), item.path("name").asText(),
                        item.path("arguments").asText(""), item.path("id").asText(null)));
            }
        }
        return calls;
    }
}
