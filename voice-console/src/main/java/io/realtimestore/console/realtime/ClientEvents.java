package io.realtimestore.console.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.console.audio.Pcm16;
import java.util.Base64;

/** The client events the console sends, as GA Realtime JSON. */
public final class ClientEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private ClientEvents() {
    }

    /** Audio from the microphone or file. Built as a string: base64 needs no escaping, and this runs 50 times a second. */
    public static String appendAudio(byte[] pcm) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}";
    }

    /** A typed question: a user message item (answered after {@link #createResponse()}). */
    public static String userText(String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "conversation.item.create");
        ObjectNode item = event.putObject("item").put("type", "message").put("role", "user");
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        return event.toString();
    }

    public static String createResponse() {
        return "{\"type\":\"response.create\"}";
    }

    /** Barge-in: the assistant's item was heard only up to {@code audioEndMs}; the service forgets the rest. */
    public static String truncate(String itemId, long audioEndMs) {
        return JSON.createObjectNode().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", 0).put("audio_end_ms", audioEndMs).toString();
    }

    /**
     * The session.update the console sends: the full session set-up when talking straight to a provider, or, through
     * the gateway (which owns instructions and tools and refuses them from clients), only the voice and the output
     * modality. Returns null when there is nothing to change.
     */
    public static String sessionUpdate(SessionSettings settings, boolean direct) {
        ObjectNode event = JSON.createObjectNode().put("type", "session.update");
        ObjectNode session = event.putObject("session").put("type", "realtime");
        boolean changes = false;
        if (direct) {
            session.put("instructions", settings.instructions());
            ObjectNode input = session.putObject("audio").putObject("input");
            pcmFormat(input.putObject("format"));
            if (settings.transcriptionModel() != null) {
                input.putObject("transcription").put("model", settings.transcriptionModel());
            }
            input.putObject("turn_detection").put("type", "server_vad").put("threshold", 0.5).put("prefix_padding_ms", 300)
                    .put("silence_duration_ms", 500).put("create_response", true).put("interrupt_response", true);
            changes = true;
        }
        if (direct || settings.voice() != null) {
            ObjectNode audio = session.has("audio") ? (ObjectNode) session.get("audio") : session.putObject("audio");
            ObjectNode output = audio.putObject("output");
            pcmFormat(output.putObject("format"));
            if (settings.voice() != null) {
                output.put("voice", settings.voice());
            }
            changes = true;
        }
        if (direct || settings.textOnly()) {
            ArrayNode modalities = session.putArray("output_modalities");
            modalities.add(settings.textOnly() ? "text" : "audio");
            changes = true;
        }
        return changes ? event.toString() : null;
    }

    private static void pcmFormat(ObjectNode format) {
        format.put("type", "audio/pcm").put("rate", Pcm16.RATE);
    }
}
