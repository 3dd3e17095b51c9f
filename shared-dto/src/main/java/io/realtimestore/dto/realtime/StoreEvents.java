package io.realtimestore.dto.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** The {@code store.*} events and the objects they carry. */
public final class StoreEvents {

    public static final String SUBPROTOCOL = "realtime-store.v1";

    private StoreEvents() {
    }

    /** A product as a UI card: enough to render it and link to its page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProductCard(long id, String sku, String name, String brand, String category, BigDecimal price,
            String currency, int stock, @JsonProperty("in_stock") boolean inStock,
            @JsonProperty("image_url") String imageUrl) {
    }

    /** First store event of a session: what the gateway set up, and the voices a client may switch to. */
    public record SessionInfo(String type, @JsonProperty("event_id") String eventId,
            @JsonProperty("session_id") String sessionId, String upstream, String voice, List<String> voices,
            @JsonProperty("expires_at") long expiresAt, List<String> tools) {
        public SessionInfo(String eventId, String sessionId, String upstream, String voice, List<String> voices,
                long expiresAt, List<String> tools) {
            this("store.session", eventId, sessionId, upstream, voice, voices, expiresAt, tools);
        }
    }

    /** A tool the assistant ran, with the products it found (empty when it failed). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolResult(String type, @JsonProperty("event_id") String eventId, String tool,
            @JsonProperty("call_id") String callId, String status, @JsonProperty("duration_ms") long durationMs,
            List<ProductCard> products, String message) {
        public ToolResult(String eventId, String tool, String callId, String status, long durationMs,
                List<ProductCard> products, String message) {
            this("store.tool_result", eventId, tool, callId, status, durationMs, products, message);
        }
    }

    /** Running token totals of the session, after every response. */
    public record Usage(String type, @JsonProperty("event_id") String eventId, int responses,
            @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("total_tokens") long totalTokens, @JsonProperty("input_audio_tokens") long inputAudioTokens,
            @JsonProperty("output_audio_tokens") long outputAudioTokens) {
        public Usage(String eventId, int responses, long inputTokens, long outputTokens, long totalTokens,
                long inputAudioTokens, long outputAudioTokens) {
            this("store.usage", eventId, responses, inputTokens, outputTokens, totalTokens, inputAudioTokens,
                    outputAudioTokens);
        }
    }

    /** Time from the end of the shopper's speech to the first audio of the answer, as the gateway saw it. */
    public record TurnLatency(String type, @JsonProperty("event_id") String eventId,
            @JsonProperty("response_id") String responseId, @JsonProperty("speech_to_audio_ms") long speechToAudioMs) {
        public TurnLatency(String eventId, String responseId, long speechToAudioMs) {
            this("store.turn_latency", eventId, responseId, speechToAudioMs);
        }
    }

    /** The session will end soon (maximum duration) or is ending now; {@code reason} says which. */
    public record SessionEnding(String type, @JsonProperty("event_id") String eventId, String reason,
            @JsonProperty("seconds_left") long secondsLeft) {
        public SessionEnding(String eventId, String reason, long secondsLeft) {
            this("store.session_ending", eventId, reason, secondsLeft);
        }
    }
}
