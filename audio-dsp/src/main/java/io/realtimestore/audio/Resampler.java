package io.realtimestore.audio;

import java.util.Arrays;

/**
 * Streaming resampler between any two rates (16000 &lt;-&gt; 24000, 22050/32000/48000 -&gt; 24000, ...), band-limited by a
 * windowed-sinc polyphase filter ({@link PolyphaseFilterBank}).
 *
 * <p>Output sample n lies exactly at time n / toRate, centred on the filter (no group delay), so a stream keeps its
 * timing and a one-shot conversion of N samples yields ceil(N * toRate / fromRate) samples. The input history is kept
 * between calls, so cutting a stream into chunks changes nothing in the output: no clicks at chunk boundaries. The
 * audio before the first sample and after the last one counts as silence. Not thread-safe: one instance per stream.
 */
public final class Resampler {

    private final boolean passThrough;
    private final int upFactor;
    private final int downFactor;
    private final PolyphaseFilterBank filter;
    private final int halfTaps;

    /** Input samples still needed by future outputs; history[0] is input sample number {@code historyStart}. */
    private short[] history;
    private int historyLength;
    private long historyStart;
    private long inputCount;
    private long outputCount;
    private boolean flushed;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("Sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int divisor = gcd(fromRate, toRate);
        this.upFactor = toRate / divisor;
        this.downFactor = fromRate / divisor;
        this.passThrough = fromRate == toRate;
        this.filter = passThrough ? null : new PolyphaseFilterBank(upFactor, downFactor);
        this.halfTaps = passThrough ? 0 : filter.taps() / 2;
        // the first outputs reach back before the stream start: that virtual past is silence
        this.history = new short[Math.max(1024, 4 * halfTaps)];
        this.historyLength = Math.max(0, halfTaps - 1);
        this.historyStart = -historyLength;
    }

    /** One-shot conversion: {@link #process} then {@link #flush}. */
    public static short[] convert(short[] input, int fromRate, int toRate) {
        Resampler resampler = new Resampler(fromRate, toRate);
        short[] body = resampler.process(input);
        short[] tail = resampler.flush();
        short[] all = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return all;
    }

    /** Feeds more input; returns the output samples that no longer depend on future input (may be empty). */
    public short[] process(short[] input) {
        if (flushed) {
            throw new IllegalStateException("Resampler already flushed: the stream has ended");
        }
        if (passThrough) {
            inputCount += input.length;
            return input.clone();
        }
        append(input, input.length);
        inputCount += input.length;
        return produce(Long.MAX_VALUE);
    }

    /** Ends the stream and returns the remaining tail, computed as if silence followed the last sample. */
    public short[] flush() {
        if (flushed) {
            throw new IllegalStateException("Resampler already flushed: the stream has ended");
        }
        flushed = true;
        if (passThrough) {
            return new short[0];
        }
        append(new short[halfTaps], halfTaps);
        return produce(Math.ceilDiv(inputCount * upFactor, downFactor));
    }

    private short[] produce(long outputLimit) {
        long lastUsableCentre = historyStart + historyLength - 1 - halfTaps;
        long available = lastUsableCentre < 0 ? 0 : Math.ceilDiv((lastUsableCentre + 1) * upFactor, downFactor);
        int count = (int) Math.max(0, Math.min(available, outputLimit) - outputCount);
        short[] out = new short[count];
        for (int i = 0; i < count; i++, outputCount++) {
            long position = outputCount * downFactor; // in 1/upFactor input periods
            long centre = position / upFactor;
            double[] coefficients = filter.coefficientsFor(position % upFactor);
            int first = (int) (centre - halfTaps + 1 - historyStart);
            double sum = 0;
            for (int k = 0; k < coefficients.length; k++) {
                sum += coefficients[k] * history[first + k];
            }
            out[i] = clampToShort(sum);
        }
        discardConsumedHistory();
        return out;
    }

    private void discardConsumedHistory() {
        long nextCentre = outputCount * downFactor / upFactor;
        int consumed = (int) Math.min(historyLength, Math.max(0, nextCentre - halfTaps + 1 - historyStart));
        System.arraycopy(history, consumed, history, 0, historyLength - consumed);
        historyLength -= consumed;
        historyStart += consumed;
    }

    private void append(short[] samples, int length) {
        if (historyLength + length > history.length) {
            history = Arrays.copyOf(history, Math.max(2 * history.length, historyLength + length));
        }
        System.arraycopy(samples, 0, history, historyLength, length);
        historyLength += length;
    }

    private static short clampToShort(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
