package io.realtimestore.voice.assistant;

import java.util.List;

/** What the assistant does next in a response: call tools (the gateway runs them), or say something. */
public sealed interface AssistantStep {

    record CallTools(List<ToolRequest> calls) implements AssistantStep {
    }

    record Say(String text) implements AssistantStep {
    }
}
