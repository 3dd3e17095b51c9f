package io.realtimestore.gateway.tools;

/** A function call the model made: {@code arguments} is the JSON text the model wrote. */
public record ToolCall(String callId, String name, String arguments, String itemId) {
}
