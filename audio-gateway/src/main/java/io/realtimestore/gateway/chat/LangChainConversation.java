package io.realtimestore.gateway.chat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.realtimestore.gateway.tools.ToolCall;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A conversation with a cloud chat model: the messages of its turns, bounded. When it grows past the limit the
 * oldest whole turns are forgotten, so a tool call is never separated from its result (the APIs refuse that).
 */
final class LangChainConversation implements ModelConversation {

    private final GuardedChatModel model;
    private final Supplier<String> instructions;
    private final List<ToolSpecification> tools;
    private final int maxMessages;
    private final Deque<List<ChatMessage>> turns = new ArrayDeque<>();
    private List<ChatMessage> current = new ArrayList<>();

    LangChainConversation(GuardedChatModel model, Supplier<String> instructions, List<ToolSpecification> tools, int maxMessages) {
        this.model = model;
        this.instructions = instructions;
        this.tools = tools;
        this.maxMessages = maxMessages;
    }

    @Override
    public Uni<ModelReply> reply(String message, Consumer<String> text) {
        current = new ArrayList<>();
        current.add(UserMessage.from(message));
        turns.addLast(current);
        while (turns.size() > 1 && size() > maxMessages) {
            turns.removeFirst();
        }
        return ask(text);
    }

    @Override
    public Uni<ModelReply> continueWith(List<ToolResult> results, Consumer<String> text) {
        for (ToolResult result : results) {
            current.add(ToolExecutionResultMessage.from(result.call().callId(), result.call().name(), result.output()));
        }
        return ask(text);
    }

    @Override
    public void forgetTurn() {
        turns.remove(current);
        current = new ArrayList<>();
    }

    private Uni<ModelReply> ask(Consumer<String> text) {
        List<ChatMessage> messages = new ArrayList<>(size() + 1);
        messages.add(SystemMessage.from(instructions.get()));
        turns.forEach(messages::addAll);
        ChatRequest request = ChatRequest.builder().messages(messages).toolSpecifications(tools).build();
        List<ChatMessage> turn = current;
        return model.chat(request, text).map(answer -> {
            turn.add(answer);
            return new ModelReply(answer.text(), calls(answer));
        });
    }

    private static List<ToolCall> calls(AiMessage answer) {
        if (!answer.hasToolExecutionRequests()) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>();
        for (ToolExecutionRequest request : answer.toolExecutionRequests()) {
            calls.add(new ToolCall(request.id(), request.name(), request.arguments(), null));
        }
        return calls;
    }

    private int size() {
        return turns.stream().mapToInt(List::size).sum();
    }
}
