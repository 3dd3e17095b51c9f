package io.realtimestore.gateway.chat;

/** The chat model behind {@code /v1/chat}: Azure OpenAI, OpenAI or the offline assistant. */
public interface AssistantModel {

    /** What answers, for clients and logs: {@code local}, {@code azure:<deployment>} or {@code openai:<model>}. */
    String name();

    ModelConversation startConversation();

    /** Why answers may be worse than usual right now, for readiness; empty when all is well. */
    default java.util.Optional<String> degradedReason() {
        return java.util.Optional.empty();
    }
}
