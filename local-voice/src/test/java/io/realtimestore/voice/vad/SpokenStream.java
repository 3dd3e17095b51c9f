package io.realtimestore.voice.vad;

import io.realtimestore.audio.Pcm16;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A 16 kHz test stream of silence and flite utterances, with the true speech extents (ms) known from its making. */
record SpokenStream(short[] audio, List<Span> speech) {

    record Span(long startMs, long endMs) {
    }

    static Builder builder() {
        return new Builder();
    }

    /** The usual two-turn conversation: 1 s silence, utterance, 1.5 s silence, utterance, 1 s silence. */
    static SpokenStream twoUtterances() {
        return builder().silence(1000).say("show me waterproof tents").silence(1500).say("add the blue one to my cart")
                .silence(1000).build();
    }

    /** The same stream with pink noise added at {@code snrDb} relative to the speech (over its speech extents). */
    SpokenStream withPinkNoise(double snrDb) {
        short[] noise = TestSpeech.pinkNoise(audio.length);
        double gain = Math.sqrt(meanSquareOfSpeech() / meanSquare(noise) / Math.pow(10, snrDb / 10));
        short[] mixed = new short[audio.length];
        for (int i = 0; i < mixed.length; i++) {
            long sample = Math.round(audio[i] + gain * noise[i]);
            mixed[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        }
        return new SpokenStream(mixed, speech);
    }

    long durationMs() {
        return Pcm16.durationMs(audio.length, TestSpeech.SAMPLE_RATE);
    }

    short[] slice(long fromMs, long toMs) {
        return Arrays.copyOfRange(audio, (int) (fromMs * 16), (int) Math.min(audio.length, toMs * 16));
    }

    private double meanSquareOfSpeech() {
        double sum = 0;
        long count = 0;
        for (Span span : speech) {
            for (int i = (int) span.startMs() * 16; i < span.endMs() * 16; i++) {
                sum += (double) audio[i] * audio[i];
                count++;
            }
        }
        return sum / count;
    }

    private static double meanSquare(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return sum / samples.length;
    }

    static final class Builder {
        private short[] audio = new short[0];
        private final List<Span> speech = new ArrayList<>();

        Builder silence(int ms) {
            return append(new short[ms * 16]);
        }

        Builder say(String text) {
            short[] spoken = TestSpeech.speak(text);
            short[] utterance = Arrays.copyOf(spoken, Math.ceilDiv(spoken.length, 16) * 16); // whole milliseconds
            long[] extent = TestSpeech.speechExtentMs(utterance);
            long offsetMs = Pcm16.durationMs(audio.length, TestSpeech.SAMPLE_RATE);
            speech.add(new Span(offsetMs + extent[0], offsetMs + extent[1]));
            return append(utterance);
        }

        SpokenStream build() {
            return new SpokenStream(audio, List.copyOf(speech));
        }

        private Builder append(short[] samples) {
            short[] longer = Arrays.copyOf(audio, audio.length + samples.length);
            System.arraycopy(samples, 0, longer, audio.length, samples.length);
            audio = longer;
            return this;
        }
    }
}
