package io.realtimestore.gateway.protocol;

/**
 * What a streaming scan learned about an upstream message: its type, the ids the gateway tracks, and for audio
 * deltas the decoded size of the audio (so playback position is known without decoding).
 */
public record ServerFrame(String type, String responseId, String itemId, int audioBytes) {

    public static final String AUDIO_DELTA = "response.output_audio.delta";

    public boolean isAudioDelta() {
        return AUDIO_DELTA.equals(type);
    }
}
