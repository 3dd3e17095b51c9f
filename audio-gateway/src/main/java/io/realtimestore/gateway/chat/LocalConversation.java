package io.realtimestore.gateway.chat;

import io.realtimestore.gateway.tools.ToolCall;
import io.realtimestore.voice.assistant.AssistantStep;
import io.realtimestore.voice.assistant.CatalogTerms;
import io.realtimestore.voice.assistant.ShoppingAssistant;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Consumer;

/**
 * A text conversation with the offline engine's shopping assistant (the one that answers voice sessions on
 * {@code REALTIME_UPSTREAM=local}): it asks for the same tools through the same calls as a cloud model and answers
 * from their outputs. It keeps the dialogue state itself (last results, product in focus).
 */
final class LocalConversation implements ModelConversation {

    private final ShoppingAssistant assistant;
    private int calls;

    LocalConversation(CatalogTerms terms) {
        this.assistant = new ShoppingAssistant(terms);
    }

    @Override
    public Uni<ModelReply> reply(String message, Consumer<String> text) {
        return Uni.createFrom().item(() -> step(assistant.onUserTurn(message), text));
    }

    @Override
    public Uni<ModelReply> continueWith(List<ToolResult> results, Consumer<String> text) {
        return Uni.createFrom().item(() -> step(assistant.onToolOutputs(results.stream().map(ToolResult::output).toList()), text));
    }

    @Override
    public void forgetTurn() {
        assistant.cancelPending();
    }

    private ModelReply step(AssistantStep step, Consumer<String> text) {
        return switch (step) {
            case AssistantStep.Say say -> {
                text.accept(say.text());
                yield new ModelReply(say.text(), List.of());
            }
            case AssistantStep.CallTools tools -> new ModelReply("", tools.calls().stream()
                    .map(request -> new ToolCall("call_local_" + ++calls, request.name(), request.arguments(), null))
                    .toList());
        };
    }
}
