package io.realtimestore.gateway.protocol;

/** What a streaming scan learned about a client message: its type and, for audio appends, the audio size. */
public record ClientFrame(String type, String eventId, int audioBytes) {

    public static final String APPEND = "input_audio_buffer.append";

    public boolean isAppend() {
        return APPEND.equals(type);
    }
}
