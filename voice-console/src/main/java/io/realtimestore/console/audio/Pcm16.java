package io.realtimestore.console.audio;

/**
 * The Realtime API's audio format, 24 kHz mono signed 16-bit little-endian PCM, and the conversions the console needs
 * on top of the shared ones in {@link io.realtimestore.audio.Pcm16}: floats in [-1, 1] (WAV files of any sample
 * size are read as floats) and resampling between a device's or file's rate and 24 kHz.
 */
public final class Pcm16 {

    public static final int RATE = 24_000;
    public static final int BYTES_PER_SAMPLE = 2;
    public static final int BYTES_PER_MS = RATE * BYTES_PER_SAMPLE / 1000;

    private Pcm16() {
    }

    public static javax.sound.sampled.AudioFormat format(int rate) {
        return new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
    }

    public static long millisOf(long bytes) {
        return bytes / BYTES_PER_MS;
    }

    /** Floats in [-1, 1] (clamped) as PCM16 little-endian bytes. */
    public static byte[] toBytes(float[] samples) {
        return io.realtimestore.audio.Pcm16.toLittleEndian(toShorts(samples));
    }

    public static short[] toShorts(float[] samples) {
        short[] shorts = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            shorts[i] = (short) Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767f);
        }
        return shorts;
    }

    public static float[] toFloats(byte[] bytes, int offset, int length) {
        short[] shorts = io.realtimestore.audio.Pcm16.fromLittleEndian(bytes, offset, length);
        float[] samples = new float[shorts.length];
        for (int i = 0; i < shorts.length; i++) {
            samples[i] = shorts[i] / 32768f;
        }
        return samples;
    }

    /** PCM16 bytes through a streaming resampler (its state carries over between blocks). */
    public static byte[] resample(io.realtimestore.audio.Resampler resampler, byte[] pcm, int offset, int length) {
        return io.realtimestore.audio.Pcm16.toLittleEndian(
                resampler.process(io.realtimestore.audio.Pcm16.fromLittleEndian(pcm, offset, length)));
    }

    /** Root mean square level in dB relative to full scale; -120 for digital silence. */
    public static double rmsDbfs(byte[] pcm) {
        return io.realtimestore.audio.Pcm16.rmsDbfs(io.realtimestore.audio.Pcm16.fromLittleEndian(pcm));
    }
}
