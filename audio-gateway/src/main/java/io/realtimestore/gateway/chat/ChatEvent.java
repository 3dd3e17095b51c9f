package io.realtimestore.gateway.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimestore.dto.realtime.StoreEvents.ProductCard;
import java.util.List;

/** The server-sent events of one {@code /v1/chat} answer; {@link #event()} is the SSE event name. */
public sealed interface ChatEvent {

    String event();

    /** Always first: the conversation to continue with, and what answers. */
    record Started(String session, String model) implements ChatEvent {
        public String event() {
            return "session";
        }
    }

    record TextDelta(String delta) implements ChatEvent {
        public String event() {
            return "text.delta";
        }
    }

    /** The model called a tool (for clients that show what happens, such as the console's --verbose). */
    record ToolStarted(@JsonProperty("call_id") String callId, String name, String arguments) implements ChatEvent {
        public String event() {
            return "tool";
        }
    }

    /** Product cards from a tool's result, the same cards as the Realtime store extension's. */
    record Products(String tool, @JsonProperty("call_id") String callId, List<ProductCard> products) implements ChatEvent {
        public String event() {
            return "products";
        }
    }

    /** The turn failed: {@code message} says so in words for the shopper. */
    record Failed(String code, String message) implements ChatEvent {
        public String event() {
            return "error";
        }
    }

    /** Always last. {@code ended}: the assistant closed the conversation (the shopper said goodbye). */
    record Done(String session, String text, boolean ended) implements ChatEvent {
        public String event() {
            return "done";
        }
    }
}
