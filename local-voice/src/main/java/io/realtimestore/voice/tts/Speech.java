package io.realtimestore.voice.tts;

/** Synthesised mono PCM16 audio at {@code sampleRate} samples per second. */
public record Speech(short[] samples, int sampleRate) {

    public Speech {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    public long durationMs() {
        return samples.length * 1000L / sampleRate;
    }
}
