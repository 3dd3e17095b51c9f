package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/** What a user message said: its typed text, or the transcript of its audio. */
final class UserText {

    private UserText() {
    }

    static String of(JsonNode item) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : item.path("content")) {
            String value = switch (part.path("type").asText()) {
                case "input_text" -> part.path("text").asText("");
                case "input_audio" -> part.path("transcript").asText("");
                default -> "";
            };
            if (!value.isBlank()) {
                text.append(text.isEmpty() ? "" : " ").append(value.strip());
            }
        }
        return text.toString();
    }
}
