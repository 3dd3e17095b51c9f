package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the GA Realtime server events the engine sends (shapes as in realtime-ga.schema.json). */
final class ServerEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private ServerEvents() {
    }

    static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("event_id", Ids.next("event"));
    }

    static ObjectNode error(String type, String code, String message, String param, String clientEventId) {
        ObjectNode event = event("error");
        ObjectNode error = event.putObject("error").put("type", type).put("code", code).put("message", message);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (clientEventId == null) {
            error.putNull("event_id");
        } else {
            error.put("event_id", clientEventId);
        }
        return event;
    }

    static ObjectNode conversationItem(String type, String previousItemId, JsonNode item) {
        ObjectNode event = event(type);
        if (previousItemId == null) {
            event.putNull("previous_item_id");
        } else {
            event.put("previous_item_id", previousItemId);
        }
        event.set("item", item);
        return event;
    }

    static ObjectNode outputItem(String type, String responseId, int outputIndex, JsonNode item) {
        ObjectNode event = event(type).put("response_id", responseId).put("output_index", outputIndex);
        event.set("item", item);
        return event;
    }

    static ObjectNode contentEvent(String type, String responseId, String itemId, int outputIndex) {
        return event(type).put("response_id", responseId).put("item_id", itemId).put("output_index", outputIndex)
                .put("content_index", 0);
    }

    static ObjectNode userMessage(String itemId, String contentType, String text) {
        ObjectNode item = item(itemId, "message", "completed").put("role", "user");
        ObjectNode content = item.putArray("content").addObject().put("type", contentType);
        if (contentType.equals("input_text")) {
            content.put("text", text);
        } else {
            content.putNull("audio");
            if (text == null) {
                content.putNull("transcript");
            } else {
                content.put("transcript", text);
            }
        }
        return item;
    }

    static ObjectNode assistantMessage(String itemId, String status, boolean audio, String text) {
        ObjectNode item = item(itemId, "message", status).put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            ObjectNode part = content.addObject().put("type", audio ? "output_audio" : "output_text");
            part.put(audio ? "transcript" : "text", text);
        }
        return item;
    }

    static ObjectNode functionCall(String itemId, String status, String callId, String name, String arguments) {
        return item(itemId, "function_call", status).put("call_id", callId).put("name", name).put("arguments", arguments);
    }

    static ObjectNode item(String itemId, String type, String status) {
        return JSON.createObjectNode().put("id", itemId).put("object", "realtime.item").put("type", type).put("status", status);
    }

    /** The response object; usage is filled in when it is done. */
    static ObjectNode response(String id, String status, String cancelReason, ArrayNode output, boolean audio, Usage usage) {
        ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "realtime.response").put("status", status);
        if (cancelReason == null) {
            response.putNull("status_details");
        } else {
            response.putObject("status_details").put("type", status).put("reason", cancelReason);
        }
        response.set("output", output);
        response.put("conversation_id", "conv_local");
        response.putArray("output_modalities").add(audio ? "audio" : "text");
        if (usage == null) {
            response.putNull("usage");
        } else {
            ObjectNode node = response.putObject("usage").put("total_tokens", usage.inputTokens() + usage.outputTokens())
                    .put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens());
            node.putObject("input_token_details").put("cached_tokens", 0).put("text_tokens", usage.inputTokens())
                    .put("audio_tokens", 0);
            node.putObject("output_token_details").put("text_tokens", usage.outputTextTokens())
                    .put("audio_tokens", usage.outputTokens() - usage.outputTextTokens());
        }
        return response;
    }

    /**
     * Token-like counts for response.done: the local engine has no tokens, so it reports words for text and one per
     * 100 ms for audio — enough for the gateway's usage totals to mean "how much was said".
     */
    record Usage(int inputTokens, int outputTextTokens, int outputTokens) {

        static int words(String text) {
            return text == null || text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }
    }
}
