package io.realtimestore.console.transcript;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimestore.dto.realtime.StoreEvents;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one-line notes --verbose adds to the conversation, and the plain-words forms of errors and close codes. */
public final class Notes {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int PRODUCTS_SHOWN = 5;

    private Notes() {
    }

    /** A function call item of the assistant: {@code [tool] search_products {"query":"tent"}}. */
    public static String toolCall(JsonNode item) {
        return "[tool] " + item.path("name").asText("?") + " " + item.path("arguments").asText("{}");
    }

    /** The gateway's store.tool_result: the tool's outcome and the products it found. */
    public static String toolResult(JsonNode event) {
        StoreEvents.ToolResult result;
        try {
            result = JSON.treeToValue(event, StoreEvents.ToolResult.class);
        } catch (Exception e) {
            return "[products] " + event.path("tool").asText("?") + ": (unreadable result)";
        }
        List<StoreEvents.ProductCard> products = result.products() == null ? List.of() : result.products();
        StringBuilder note = new StringBuilder("[products] ").append(result.tool()).append(" (").append(result.status())
                .append(", ").append(result.durationMs()).append(" ms)");
        if (products.isEmpty()) {
            // a tool that finds products says so in its message; end_conversation and the like have none
            return note.append(result.message() == null ? "" : ": " + result.message()).toString();
        }
        note.append(": ").append(products.stream().limit(PRODUCTS_SHOWN).map(Notes::card).collect(Collectors.joining("; ")));
        if (products.size() > PRODUCTS_SHOWN) {
            note.append("; and ").append(products.size() - PRODUCTS_SHOWN).append(" more");
        }
        return note.toString();
    }

    private static String card(StoreEvents.ProductCard card) {
        // the event tree holds prices as doubles (139.0): shown with cents, as the store does
        String price = card.price() == null ? ""
                : card.price().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + (card.currency() == null ? "" : card.currency());
        return card.name() + " (#" + card.id() + ", " + price.strip() + ", " + (card.inStock() ? card.stock() + " in stock" : "out of stock") + ")";
    }

    /** The gateway's store.session: what it set up. */
    public static String sessionInfo(JsonNode event) {
        return "[session] " + event.path("session_id").asText("?") + " through the gateway: upstream "
                + event.path("upstream").asText("?") + ", voice " + event.path("voice").asText("?") + ", tools "
                + event.path("tools").toString();
    }

    /** A session.created/updated from the service. */
    public static String session(String type, JsonNode session) {
        JsonNode output = session.path("audio").path("output");
        return "[" + type + "] " + session.path("id").asText("") + " model " + session.path("model").asText("?") + ", voice "
                + output.path("voice").asText("?") + ", answers in " + session.path("output_modalities").toString();
    }

    public static String usage(JsonNode event) {
        return "[usage] " + event.path("responses").asLong() + " responses, " + event.path("total_tokens").asLong()
                + " tokens (" + event.path("input_tokens").asLong() + " in, " + event.path("output_tokens").asLong() + " out)";
    }

    public static String latency(JsonNode event) {
        return "[latency] " + event.path("speech_to_audio_ms").asLong() + " ms from the end of speech to the first audio";
    }

    public static String speech(String what, long atMs) {
        return String.format(Locale.ROOT, "[speech] %s at %.2f s", what, atMs / 1000.0);
    }

    public static String bargeIn(long heardMs) {
        return String.format(Locale.ROOT, "[barge-in] you spoke over the answer: playback stopped, the answer was cut at %.2f s", heardMs / 1000.0);
    }

    public static String truncated(JsonNode event) {
        return String.format(Locale.ROOT, "[truncated] the service keeps %.2f s of the interrupted answer",
                event.path("audio_end_ms").asLong() / 1000.0);
    }

    /** An error event in words for the person at the terminal. */
    public static String error(JsonNode error) {
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        String plain = switch (code) {
            case "upstream_unavailable" -> "The voice service behind the gateway cannot be reached right now.";
            case "upstream_rate_limited" -> "The voice service is rate limiting this account; try again in a minute.";
            case "upstream_rejected" -> "The voice service refused the gateway's credentials or deployment.";
            case "upstream_closed" -> "The voice service closed the session.";
            case "session_expiring" -> "The session is about to reach its maximum duration.";
            case "session_expired" -> "The session reached its maximum duration.";
            case "idle_timeout" -> "The session was idle for too long.";
            default -> null;
        };
        if (plain == null) {
            return "Error: " + (message.isBlank() ? code : message) + (code.isBlank() || message.isBlank() ? "" : " (" + code + ")");
        }
        return "Error: " + plain + (message.isBlank() ? "" : " " + message);
    }

    /** A WebSocket close code in words. */
    public static String closeCode(int code) {
        return switch (code) {
            case 1000 -> "normal close";
            case 1001 -> "the service is going away";
            case 1006 -> "the connection dropped";
            case 1008 -> "policy violation";
            case 1009 -> "a message was too large";
            case 1011 -> "the service failed";
            case 1013 -> "the service is unavailable, try again later";
            default -> "code " + code;
        };
    }
}
