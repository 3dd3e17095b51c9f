package io.realtimestore.voice.tts;

/** Receives synthesized speech in pieces, in order, as the synthesizer makes them. */
@FunctionalInterface
public interface SpeechSink {

    /** The next piece: mono PCM16 at {@code sampleRate} (the same rate for every piece of one synthesis). */
    void accept(short[] samples, int sampleRate);
}
