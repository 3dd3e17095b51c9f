package io.realtimestore.voice.assistant;

/** A function call the assistant wants the gateway to run: tool name and JSON arguments. */
public record ToolRequest(String name, String arguments) {
}
