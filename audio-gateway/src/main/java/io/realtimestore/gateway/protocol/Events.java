package io.realtimestore.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the events the gateway itself sends, to the client and to the upstream. */
public final class Events {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final String ID_PREFIX = "evt_gw" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "_";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Events() {
    }

    /** A fresh server event id ({@code event_id} is required on every server event). */
    public static String newEventId() {
        return ID_PREFIX + SEQUENCE.incrementAndGet();
    }

    public static String error(ProtocolException problem) {
        return error("invalid_request_error", problem.code(), problem.getMessage(), problem.param(),
                problem.clientEventId());
    }

    /** A GA {@code error} event. {@code type} is invalid_request_error for the client's mistakes, server_error otherwise. */
    public static String error(String type, String code, String message, String param, String clientEventId) {
        ObjectNode event = JSON.createObjectNode().put("type", "error").put("event_id", newEventId());
        ObjectNode error = event.putObject("error").put("type", type).put("code", code).put("message", message);
        error.put("param", param);
        error.put("event_id", clientEventId);
        return write(event);
    }

    public static String functionCallOutput(String callId, String output) {
        ObjectNode event = JSON.createObjectNode().put("type", "conversation.item.create");
        event.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", output);
        return write(event);
    }

    public static String responseCreate() {
        return "{\"type\":\"response.create\"}";
    }

    public static String responseCancel(String responseId) {
        ObjectNode event = JSON.createObjectNode().put("type", "response.cancel");
        if (responseId != null) {
            event.put("response_id", responseId);
        }
        return write(event);
    }

    public static String truncate(String itemId, int contentIndex, long audioEndMs) {
        return write(JSON.createObjectNode().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", contentIndex).put("audio_end_ms", audioEndMs));
    }

    /** A session.update; {@code eventId} (the client's, when it forwards one) may be null. */
    public static String sessionUpdate(ObjectNode session, String eventId) {
        ObjectNode event = JSON.createObjectNode().put("type", "session.update");
        if (eventId != null) {
            event.put("event_id", eventId);
        }
        event.set("session", session);
        return write(event);
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an event", e);
        }
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }
}
