package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.voice.vad.TurnDetector;
import java.util.Map;

/**
 * The session object the engine announces in session.created / session.updated, with typed views of the parts it
 * acts on. The gateway has already checked every client change against its policy; this only merges and reads.
 */
final class SessionSettings {

    /** semantic_vad has no silence window of its own: its eagerness picks one. */
    private static final Map<String, Integer> EAGERNESS_SILENCE_MS = Map.of("low", 900, "medium", 500, "auto", 500, "high", 250);

    private final ObjectNode session;

    SessionSettings(String sessionId, long expiresAtEpochSeconds, String voice) {
        session = (ObjectNode) JsonObjects.parse("""
                {"type":"realtime","object":"realtime.session","id":"%s","model":"local-voice",
                 "output_modalities":["audio"],"instructions":"","tools":[],"tool_choice":"auto",
                 "max_output_tokens":"inf","expires_at":%d,
                 "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":null,
                   "noise_reduction":null,"turn_detection":{"type":"server_vad","threshold":0.5,
                   "prefix_padding_ms":300,"silence_duration_ms":500,"create_response":true,
                   "interrupt_response":true,"idle_timeout_ms":null}},
                  "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"%s","speed":1.0}}}
                """.formatted(sessionId, expiresAtEpochSeconds, voice));
    }

    ObjectNode json() {
        return session.deepCopy();
    }

    void merge(JsonNode update) {
        if (update instanceof ObjectNode changes) {
            JsonObjects.merge(session, changes);
        }
    }

    boolean outputAudio() {
        JsonNode modalities = session.path("output_modalities");
        if (!modalities.isArray() || modalities.isEmpty()) {
            return true;
        }
        for (JsonNode modality : modalities) {
            if (modality.asText().equals("audio")) {
                return true;
            }
        }
        return false;
    }

    String voice() {
        return session.path("audio").path("output").path("voice").asText("marin");
    }

    /** audio/pcm (24 kHz PCM16), audio/pcmu or audio/pcma (8 kHz G.711). */
    String inputFormat() {
        return session.path("audio").path("input").path("format").path("type").asText("audio/pcm");
    }

    boolean transcriptionEnabled() {
        JsonNode transcription = session.path("audio").path("input").path("transcription");
        return transcription.isObject();
    }

    private JsonNode turnDetection() {
        return session.path("audio").path("input").path("turn_detection");
    }

    /** Whether the engine detects turns itself (server_vad or semantic_vad); otherwise the client commits. */
    boolean detectsTurns() {
        return turnDetection().isObject();
    }

    TurnDetector.Settings turnSettings() {
        JsonNode detection = turnDetection();
        int silence = detection.path("type").asText().equals("semantic_vad")
                ? EAGERNESS_SILENCE_MS.getOrDefault(detection.path("eagerness").asText("auto"), 500)
                : detection.path("silence_duration_ms").asInt(500);
        return new TurnDetector.Settings(detection.path("threshold").asDouble(0.5),
                detection.path("prefix_padding_ms").asInt(300), silence);
    }

    boolean createResponseOnTurnEnd() {
        return turnDetection().path("create_response").asBoolean(true);
    }

    boolean interruptResponseOnSpeech() {
        return turnDetection().path("interrupt_response").asBoolean(true);
    }
}
