package io.realtimestore.audio;

/**
 * The anti-aliasing / anti-imaging low-pass of {@link Resampler}: a Kaiser-windowed sinc, tabulated once for every
 * fractional position an output sample can fall on between two input samples (its polyphase decomposition).
 *
 * <p>The stopband starts at the lower of the two Nyquist frequencies, so nothing above the output's Nyquist can fold
 * back into the band when downsampling, and no spectral images survive when upsampling. The passband keeps
 * 86 % of that Nyquist (6.9 kHz of 8 kHz for 16 kHz audio), more than speech recognition uses.
 */
final class PolyphaseFilterBank {

    private static final double PASSBAND_FRACTION = 0.86;
    private static final double STOPBAND_ATTENUATION_DB = 80;
    /** Above this many phases (unusual rate pairs such as 16001 Hz) the nearest tabulated phase is used instead. */
    private static final int MAX_PHASES = 1024;

    private final int taps;
    private final int phases;
    private final int upFactor;
    /** [phase][tap]; row {@code phases} is the position exactly one input sample later, reached by rounding up. */
    private final double[][] coefficients;

    /**
     * @param upFactor   L of the rational ratio L/M = toRate/fromRate (lowest terms)
     * @param downFactor M of that ratio
     */
    PolyphaseFilterBank(int upFactor, int downFactor) {
        this.upFactor = upFactor;
        this.phases = Math.min(upFactor, MAX_PHASES);
        // all frequencies in cycles per input sample
        double stopband = 0.5 * Math.min(1.0, (double) upFactor / downFactor);
        double passband = PASSBAND_FRACTION * stopband;
        double cutoff = (passband + stopband) / 2;
        double transitionRadians = 2 * Math.PI * (stopband - passband);
        // Kaiser's design formulas for the window length and shape that reach the attenuation over that transition
        int length = (int) Math.ceil((STOPBAND_ATTENUATION_DB - 8) / (2.285 * transitionRadians)) + 1;
        this.taps = length + (length & 1);
        double beta = 0.1102 * (STOPBAND_ATTENUATION_DB - 8.7);
        this.coefficients = new double[phases + 1][];
        for (int phase = 0; phase <= phases; phase++) {
            coefficients[phase] = phaseCoefficients((double) phase / phases, cutoff, beta);
        }
    }

    /** Input samples that contribute to one output sample (even). */
    int taps() {
        return taps;
    }

    /**
     * Coefficients for an output sample lying {@code remainder / upFactor} of an input period after input sample q;
     * they apply to input samples {@code q - taps/2 + 1 .. q + taps/2}, oldest first. Rows are normalised to unit sum,
     * so DC passes with gain exactly 1 whatever the phase.
     */
    double[] coefficientsFor(long remainder) {
        int phase = (int) ((remainder * phases + upFactor / 2) / upFactor);
        return coefficients[phase];
    }

    private double[] phaseCoefficients(double fraction, double cutoff, double beta) {
        double[] row = new double[taps];
        double halfSpan = taps / 2.0;
        double besselBeta = besselI0(beta);
        double sum = 0;
        for (int k = 0; k < taps; k++) {
            double distance = fraction + halfSpan - 1 - k; // output time minus input sample time, in input periods
            double x = distance / halfSpan;
            double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / besselBeta;
            row[k] = 2 * cutoff * sinc(2 * cutoff * distance) * window;
            sum += row[k];
        }
        for (int k = 0; k < taps; k++) {
            row[k] /= sum;
        }
        return row;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Zeroth-order modified Bessel function of the first kind, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
