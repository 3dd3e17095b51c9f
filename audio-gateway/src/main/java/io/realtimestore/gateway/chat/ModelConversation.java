package io.realtimestore.gateway.chat;

import io.realtimestore.gateway.tools.ToolCall;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Consumer;

/**
 * One shopper's conversation with a chat model, remembered by the model side (messages for a cloud model, dialogue
 * state for the offline assistant). Called for one turn at a time.
 */
public interface ModelConversation {

    /** The model's first step in answer to a shopper message; its text is streamed into {@code text} as it comes. */
    Uni<ModelReply> reply(String message, Consumer<String> text);

    /** The model's next step once the tool calls of its last reply have run (results in call order). */
    Uni<ModelReply> continueWith(List<ToolResult> results, Consumer<String> text);

    /** The turn failed: forget it, so the shopper can ask again as if it had not happened. */
    void forgetTurn();

    /** What the model said in one step, and the tools it wants run before it goes on (none: the answer is complete). */
    record ModelReply(String text, List<ToolCall> calls) {

        public ModelReply {
            text = text == null ? "" : text;
            calls = List.copyOf(calls);
        }
    }

    /** A tool call and the output the model reads. */
    record ToolResult(ToolCall call, String output) {
    }
}
