package io.realtimestore.console.audio;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion for mono audio: a Kaiser-windowed sinc low-pass evaluated as a bank of
 * precomputed fractional-delay filters, one per output phase. It streams (blocks of any size in, whatever is
 * computable out, {@link #flush()} at the end), so the same code converts whole WAV files and microphone blocks.
 *
 * <p>Why not linear interpolation: a question recorded at 44.1 or 48 kHz has energy above 12 kHz that would fold back
 * into the speech band at 24 kHz and disturb voice activity detection and transcription; the cut-off here sits at
 * 92 % of the lower Nyquist frequency with ~80 dB of stop-band attenuation.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side: sets the width of the transition band. */
    private static final int ZERO_CROSSINGS = 16;
    /** Pass band edge as a fraction of the lower of the two Nyquist frequencies. */
    private static final double ROLLOFF = 0.92;
    private static final double KAISER_BETA = 8.6;
    /** Rates with an odd ratio (e.g. 44,057 Hz) would need tens of thousands of phases; the nearest of these is close enough. */
    private static final int MAX_PHASES = 2048;

    private final int inputRate;
    private final int outputRate;
    /** The ratio inputRate / outputRate reduced: output m sits at input position m * step / phases. */
    private final long step;
    private final long phases;
    private final int tablePhases;
    private final int half;
    private final float[][] table;

    private float[] buffer;
    private int buffered;
    /** Absolute input index of buffer[0]; negative at the start, where the signal is taken as silent. */
    private long bufferStart;
    private long inputCount;
    private long nextOutput;

    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        long gcd = gcd(inputRate, outputRate);
        this.step = inputRate / gcd;
        this.phases = outputRate / gcd;
        this.tablePhases = (int) Math.min(phases, MAX_PHASES);
        double cutoff = ROLLOFF * Math.min(1.0, (double) outputRate / inputRate);
        this.half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.table = buildTable(cutoff);
        this.buffer = new float[Math.max(4096, 4 * half)];
        this.buffered = half; // leading silence, so the first output has its full filter support
        this.bufferStart = -half;
    }

    /** Converts a whole signal; the output has ceil(length * outputRate / inputRate) samples, aligned with the input. */
    public static float[] convert(float[] input, int inputRate, int outputRate) {
        return inputRate == outputRate ? input.clone() : new Resampler(inputRate, outputRate).finish(input);
    }

    /** Feeds input samples; returns the output samples that this input completes (possibly none). */
    public float[] process(float[] input) {
        if (inputRate == outputRate) {
            return input.clone();
        }
        feed(input);
        return drain(Long.MAX_VALUE);
    }

    /** Ends the stream: returns the remaining output, as if the input were followed by silence. */
    public float[] flush() {
        return finish(new float[0]);
    }

    /** Feeds the last input and ends the stream: returns all the output not returned yet. */
    public float[] finish(float[] input) {
        if (inputRate == outputRate) {
            return input.clone();
        }
        feed(input);
        append(new float[2 * half], 2 * half); // the silence after the end, for the last outputs' filter support
        // only outputs whose position lies inside the real input: m * step < inputCount * phases
        return drain(ceilDiv(inputCount * phases, step));
    }

    private float[] drain(long outputLimit) {
        long available = bufferStart + buffered; // first input index not yet received
        // output m needs inputs up to floor(m * step / phases) + half (one more when its phase is rounded up)
        int margin = tablePhases == phases ? 0 : 1;
        long computable = Math.floorDiv((available - half - margin) * phases - 1, step) + 1;
        long last = Math.min(outputLimit, Math.max(nextOutput, computable));
        int count = (int) Math.max(0, last - nextOutput);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            long m = nextOutput + i;
            long position = m * step;
            long center = Math.floorDiv(position, phases);
            long remainder = position - center * phases;
            int phase = (int) (tablePhases == phases ? remainder : Math.round((double) remainder * tablePhases / phases));
            if (phase == tablePhases) {
                phase = 0;
                center++;
            }
            float[] taps = table[phase];
            int first = (int) (center - half + 1 - bufferStart);
            double sum = 0;
            for (int k = 0; k < taps.length; k++) {
                sum += taps[k] * buffer[first + k];
            }
            out[i] = (float) sum;
        }
        nextOutput += count;
        discardConsumed();
        return out;
    }

    /** Drops input that no future output reaches. */
    private void discardConsumed() {
        long nextCenter = Math.floorDiv(nextOutput * step, phases);
        long keepFrom = nextCenter - half; // one more than strictly needed, for phase rounding to the next center
        int drop = (int) Math.max(0, Math.min(buffered, keepFrom - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    private void feed(float[] input) {
        append(input, input.length);
        inputCount += input.length;
    }

    private void append(float[] input, int length) {
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        System.arraycopy(input, 0, buffer, buffered, length);
        buffered += length;
    }

    /**
     * table[p][k] weighs input center - half + 1 + k for an output at fractional position p / tablePhases past center.
     * Each phase is normalised to unit gain at 0 Hz, so silence stays silence and a constant stays constant.
     */
    private float[][] buildTable(double cutoff) {
        float[][] bank = new float[tablePhases][2 * half];
        double windowNorm = besselI0(KAISER_BETA);
        for (int p = 0; p < tablePhases; p++) {
            double fraction = (double) p / tablePhases;
            double sum = 0;
            double[] taps = new double[2 * half];
            for (int k = 0; k < 2 * half; k++) {
                double distance = fraction + half - 1 - k; // output position minus input position, in input samples
                double x = distance / half;
                double window = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / windowNorm;
                taps[k] = cutoff * sinc(cutoff * distance) * window;
                sum += taps[k];
            }
            for (int k = 0; k < 2 * half; k++) {
                bank[p][k] = (float) (taps[k] / sum);
            }
        }
        return bank;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        double pix = Math.PI * x;
        return Math.sin(pix) / pix;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for the betas used here). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
            if (term < sum * 1e-16) {
                break;
            }
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
