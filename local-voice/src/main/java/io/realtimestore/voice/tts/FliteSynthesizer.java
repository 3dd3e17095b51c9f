package io.realtimestore.voice.tts;

import java.util.List;

/**
 * Flite 2.2 (CMU) through JNA: the main offline voice, 16 kHz, about 40 ms for a sentence. Needs Debian's
 * {@code libflite1}; voices slt (female), rms, awb and kal16 (male).
 */
public final class FliteSynthesizer implements SpeechSynthesizer {

    private final FliteLibrary library;
    private volatile boolean closed;

    private FliteSynthesizer(FliteLibrary library) {
        this.library = library;
    }

    /**
     * Loads libflite and every voice library that is present.
     *
     * @throws SynthesizerUnavailableException naming the Debian package to install when libflite cannot be loaded
     */
    public static FliteSynthesizer load() {
        return new FliteSynthesizer(FliteLibrary.shared());
    }

    @Override
    public String name() {
        return "flite";
    }

    @Override
    public List<String> voices() {
        return library.voices();
    }

    @Override
    public Speech synthesize(String text, String voice) {
        checkOpen();
        return library.synthesize(text, voice);
    }

    /** Streams: the first piece (about 100 ms) comes after a fraction of the sentence's synthesis time. */
    @Override
    public void synthesize(String text, String voice, SpeechSink sink) {
        checkOpen();
        library.synthesize(text, voice, sink);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the flite synthesizer is closed");
        }
    }

    /**
     * Stops this synthesizer. The native voices stay registered: flite keeps them as process-wide statics that another
     * FliteSynthesizer may still be using, and they are freed when the process ends.
     */
    @Override
    public void close() {
        closed = true;
    }
}
