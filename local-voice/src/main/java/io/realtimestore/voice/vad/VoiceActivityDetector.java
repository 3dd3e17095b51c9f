package io.realtimestore.voice.vad;

/**
 * A source of speech probabilities. Implementations are thread-safe factories; each stream they create is used by
 * one thread at a time and keeps its own recurrent state.
 */
public interface VoiceActivityDetector extends AutoCloseable {

    /** "silero-v5" or "energy". */
    String name();

    VadStream newStream();

    /** Releases what the streams share (the model); streams created before must not be used afterwards. */
    @Override
    void close();
}
