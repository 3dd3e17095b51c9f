package io.realtimestore.gateway.tools;

import io.realtimestore.dto.realtime.StoreEvents.ProductCard;
import java.util.List;

/**
 * What a tool produced: compact JSON for the model, product cards for store clients, and whether the model asked
 * to end the conversation.
 */
public record ToolOutcome(String output, List<ProductCard> cards, boolean ok, boolean endsConversation, String message) {

    public static ToolOutcome ok(String output, List<ProductCard> cards) {
        return new ToolOutcome(output, cards, true, false, null);
    }

    /** A failure told to the model in words it can pass on: it apologises, the session goes on. */
    public static ToolOutcome failed(String problem) {
        String output = "{\"error\":" + io.realtimestore.gateway.protocol.Events.write(problem)
                + ",\"instruction\":\"Apologise briefly to the shopper and offer to try again; do not guess product facts.\"}";
        return new ToolOutcome(output, List.of(), false, false, problem);
    }

    public static ToolOutcome endConversation() {
        return new ToolOutcome("{\"ok\":true,\"instruction\":\"Say a short goodbye now.\"}", List.of(), true, true, null);
    }
}
