package io.realtimestore.console.audio;

/**
 * The Realtime API's audio format, 24 kHz mono signed 16-bit little-endian PCM, and conversions to and from it.
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

    public static byte[] toBytes(float[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int value = Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767f);
            bytes[2 * i] = (byte) value;
            bytes[2 * i + 1] = (byte) (value >> 8);
        }
        return bytes;
    }

    public static float[] toFloats(byte[] bytes, int offset, int length) {
        float[] samples = new float[length / 2];
        for (int i = 0; i < samples.length; i++) {
            int at = offset + 2 * i;
            samples[i] = (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8)) / 32768f;
        }
        return samples;
    }

    /** Root mean square level in dB relative to full scale; -inf-like -120 for digital silence. */
    public static double rmsDbfs(byte[] pcm) {
        float[] samples = toFloats(pcm, 0, pcm.length);
        if (samples.length == 0) {
            return -120;
        }
        double sum = 0;
        for (float sample : samples) {
            sum += sample * sample;
        }
        double rms = Math.sqrt(sum / samples.length);
        return rms == 0 ? -120 : Math.max(-120, 20 * Math.log10(rms));
    }
}
