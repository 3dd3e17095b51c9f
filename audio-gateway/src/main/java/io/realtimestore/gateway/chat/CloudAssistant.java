package io.realtimestore.gateway.chat;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;
import java.util.function.Supplier;

/** A LangChain4j chat model (Azure OpenAI or OpenAI) with the product tools and the store's instructions. */
final class CloudAssistant implements AssistantModel {

    private final String name;
    private final GuardedChatModel model;
    private final Supplier<String> instructions;
    private final List<ToolSpecification> tools;
    private final int memoryMessages;

    CloudAssistant(String name, GuardedChatModel model, Supplier<String> instructions, List<ToolSpecification> tools,
            int memoryMessages) {
        this.name = name;
        this.model = model;
        this.instructions = instructions;
        this.tools = tools;
        this.memoryMessages = memoryMessages;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelConversation startConversation() {
        return new LangChainConversation(model, instructions, tools, memoryMessages);
    }
}
