package io.realtimestore.voice.stt;

/**
 * One utterance on one decoder. Single-threaded: feed audio, poll {@link #partial()}, then {@link #finish()}, all from
 * one thread at a time. Input is 16 kHz mono PCM16 in chunks of any size (100 ms chunks are typical).
 */
public interface Utterance extends AutoCloseable {

    /** Decodes more audio. */
    void accept(short[] pcm16k);

    /** The current hypothesis ("" if none yet). Cheap enough to call every ~300 ms. */
    String partial();

    /** Ends the utterance and returns the final hypothesis: lowercase words separated by single spaces. */
    String finish();

    /** Returns the decoder to the pool (also after {@link #finish()}). Idempotent. */
    @Override
    void close();
}
