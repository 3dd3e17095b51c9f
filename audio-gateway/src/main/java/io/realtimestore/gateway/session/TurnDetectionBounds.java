package io.realtimestore.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.gateway.protocol.ProtocolException;
import java.util.Set;

/** Turn detection a client may choose: server_vad or semantic_vad within bounds, or none (null). */
final class TurnDetectionBounds {

    private static final String PARAM = "session.audio.input.turn_detection";

    private TurnDetectionBounds() {
    }

    /** Checks {@code input.turn_detection}; {"type":"none"} (Azure's spelling) becomes null. */
    static void check(JsonNode input, String eventId) throws ProtocolException {
        JsonNode turnDetection = input.get("turn_detection");
        if (turnDetection == null || turnDetection.isNull()) {
            return;
        }
        if (!turnDetection.isObject()) {
            throw SessionPolicy.invalid(PARAM, PARAM + " must be an object or null", eventId);
        }
        String type = turnDetection.path("type").asText("");
        switch (type) {
            case "none" -> ((ObjectNode) input).putNull("turn_detection");
            case "server_vad" -> {
                SessionPolicy.requireOnly(turnDetection, Set.of("type", "threshold", "prefix_padding_ms",
                        "silence_duration_ms", "create_response", "interrupt_response", "idle_timeout_ms"), PARAM, eventId);
                range(turnDetection, "threshold", 0.0, 1.0, eventId);
                range(turnDetection, "prefix_padding_ms", 0, 2000, eventId);
                range(turnDetection, "silence_duration_ms", 100, 3000, eventId);
                JsonNode idle = turnDetection.get("idle_timeout_ms");
                if (idle != null && !idle.isNull()) {
                    range(turnDetection, "idle_timeout_ms", 5000, 30000, eventId);
                }
                bool(turnDetection, "create_response", eventId);
                bool(turnDetection, "interrupt_response", eventId);
            }
            case "semantic_vad" -> {
                SessionPolicy.requireOnly(turnDetection, Set.of("type", "eagerness", "create_response",
                        "interrupt_response"), PARAM, eventId);
                JsonNode eagerness = turnDetection.get("eagerness");
                if (eagerness != null && !eagerness.isNull()
                        && !Set.of("low", "medium", "high", "auto").contains(eagerness.asText())) {
                    throw SessionPolicy.invalid(PARAM + ".eagerness", PARAM + ".eagerness must be low, medium, high or auto", eventId);
                }
                bool(turnDetection, "create_response", eventId);
                bool(turnDetection, "interrupt_response", eventId);
            }
            default -> throw SessionPolicy.invalid(PARAM + ".type", PARAM
                    + ".type must be \"server_vad\", \"semantic_vad\" or \"none\"", eventId);
        }
    }

    private static void range(JsonNode node, String field, double min, double max, String eventId) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw SessionPolicy.invalid(PARAM + "." + field, PARAM + "." + field + " must be a number from "
                    + format(min) + " to " + format(max), eventId);
        }
    }

    private static void bool(JsonNode node, String field, String eventId) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw SessionPolicy.invalid(PARAM + "." + field, PARAM + "." + field + " must be true or false", eventId);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
