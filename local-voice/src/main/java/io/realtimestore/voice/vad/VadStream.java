package io.realtimestore.voice.vad;

/** One audio stream's speech probabilities, frame after frame. Single-threaded. */
public interface VadStream extends AutoCloseable {

    /** Samples per decision at 16 kHz (512, i.e. 32 ms, for Silero). */
    int frameSamples();

    /**
     * Probability (0..1) that the next frame of the stream is speech. The frame must hold exactly
     * {@link #frameSamples()} samples at 16 kHz; the array is not kept, so the caller may reuse it.
     */
    float speechProbability(short[] frame);

    /** Forgets the audio seen so far, as if a new stream started. */
    void reset();

    @Override
    void close();
}
