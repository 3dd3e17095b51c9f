package io.realtimestore.audio;

import java.util.Objects;

/** PCM16 little-endian mono helpers. */
public final class Pcm16 {

    /** Level reported for digital silence, so callers never have to handle -Infinity. */
    public static final double SILENCE_DBFS = -120.0;

    private static final double FULL_SCALE = 32768.0;

    private Pcm16() {
    }

    /** Decodes every complete sample; an odd trailing byte (half a sample) is ignored. */
    public static short[] fromLittleEndian(byte[] bytes) {
        return fromLittleEndian(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes starting at {@code offset}; an odd trailing byte is ignored. */
    public static short[] fromLittleEndian(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        short[] samples = new short[length / 2];
        for (int i = 0, b = offset; i < samples.length; i++, b += 2) {
            samples[i] = (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
        }
        return samples;
    }

    public static byte[] toLittleEndian(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0, b = 0; i < samples.length; i++, b += 2) {
            bytes[b] = (byte) samples[i];
            bytes[b + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    /** RMS level relative to full scale; {@link #SILENCE_DBFS} for empty or all-zero audio (and never below it). */
    public static double rmsDbfs(short[] samples) {
        if (samples.length == 0) {
            return SILENCE_DBFS;
        }
        double sumOfSquares = 0;
        for (short s : samples) {
            sumOfSquares += (double) s * s;
        }
        double rms = Math.sqrt(sumOfSquares / samples.length) / FULL_SCALE;
        return rms == 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 20 * Math.log10(rms));
    }

    public static long durationMs(int samples, int sampleRate) {
        return samples * 1000L / sampleRate;
    }
}
