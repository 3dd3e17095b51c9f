package io.realtimestore.console.wav;

import io.realtimestore.console.audio.Pcm16;
import io.realtimestore.audio.Resampler;

/**
 * A WAV file's audio mixed down to mono, as floats in [-1, 1], with what the file said about itself.
 *
 * @param sampleRate the file's rate
 * @param channels the file's channel count (the samples here are their average)
 * @param bitsPerSample the file's sample size
 * @param samples mono samples at {@code sampleRate}
 */
public record WavAudio(int sampleRate, int channels, int bitsPerSample, float[] samples) {

    public long durationMs() {
        return samples.length * 1000L / sampleRate;
    }

    /** The audio as the Realtime API takes it: 24 kHz mono PCM16 little-endian, resampled when the file's rate differs. */
    public byte[] toPcm16At24k() {
        short[] pcm = Pcm16.toShorts(samples);
        return io.realtimestore.audio.Pcm16.toLittleEndian(sampleRate == Pcm16.RATE ? pcm : Resampler.convert(pcm, sampleRate, Pcm16.RATE));
    }
}
