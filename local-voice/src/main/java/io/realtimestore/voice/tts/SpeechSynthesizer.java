package io.realtimestore.voice.tts;

import java.util.List;

/** A text-to-speech engine with one or more voices. */
public interface SpeechSynthesizer extends AutoCloseable {

    /** The engine: "flite" or "freetts". */
    String name();

    /** The engine voice names available on this machine, e.g. [slt, rms, awb, kal16] or [kevin16]. */
    List<String> voices();

    /**
     * Synthesizes text with the engine voice; returns mono PCM16 at the speech's sample rate. Safe to call from several
     * threads: a native voice is never driven concurrently (implementations serialise internally, because neither
     * flite nor FreeTTS voices are thread-safe).
     *
     * @throws IllegalArgumentException when {@code voice} is not one of {@link #voices()}
     * @throws IllegalStateException    after {@link #close()}
     */
    Speech synthesize(String text, String voice);

    /**
     * Synthesizes like {@link #synthesize(String, String)}, handing the audio to {@code sink} in pieces as it is made,
     * on the calling thread and before this method returns, so the first piece can be played while the rest is still
     * being synthesized. Engines that cannot stream hand over one piece.
     */
    default void synthesize(String text, String voice, SpeechSink sink) {
        Speech speech = synthesize(text, voice);
        sink.accept(speech.samples(), speech.sampleRate());
    }

    @Override
    void close();
}
