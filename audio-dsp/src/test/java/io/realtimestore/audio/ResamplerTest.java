package io.realtimestore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final double AMPLITUDE = 10000;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"24000,16000", "16000,24000", "22050,24000", "32000,24000", "48000,24000", "44100,16000", "16001,16000", "44100,24000", "96000,24000", "8000,24000", "24000,48000"})
    void aToneComesOutAsTheSameToneAtTheNewRateWithoutDelay(int fromRate, int toRate) {
        short[] output = Resampler.convert(sine(1000, fromRate, fromRate), fromRate, toRate);

        short[] ideal = sine(1000, toRate, toRate);
        double errorDb = differenceDb(steadyPart(output, toRate), steadyPart(ideal, toRate));
        assertThat(errorDb).as("error against the ideal 1 kHz sine at %d Hz (frequency, amplitude and phase)", toRate)
                .isLessThan(-50);
        assertThat(Pcm16.rmsDbfs(steadyPart(output, toRate)) - Pcm16.rmsDbfs(steadyPart(ideal, toRate)))
                .as("amplitude change in dB").isBetween(-1.0, 1.0);
        assertThat(zeroCrossings(steadyPart(output, toRate)) / (2 * steadySeconds(output, toRate)))
                .as("frequency from zero crossings").isBetween(995.0, 1005.0);
    }

    @ParameterizedTest(name = "{0} Hz tone would alias to {1} Hz")
    @CsvSource({"8500,7500", "10000,6000", "11500,4500"})
    void tonesAboveTheNewNyquistDoNotFoldBackWhenDownsampling(int toneHz, int aliasHz) {
        short[] input = sine(toneHz, 24000, 24000);

        short[] output = steadyPart(Resampler.convert(input, 24000, 16000), 16000);

        double attenuationDb = Pcm16.rmsDbfs(steadyPart(input, 24000)) - Pcm16.rmsDbfs(output);
        assertThat(attenuationDb).as("attenuation of the %d Hz alias", aliasHz).isGreaterThanOrEqualTo(40);
        assertThat(goertzelDbfs(output, 16000, aliasHz)).isLessThan(Pcm16.rmsDbfs(steadyPart(input, 24000)) - 40);
    }

    @Test
    void upsamplingLeavesNoSpectralImages() {
        short[] output = steadyPart(Resampler.convert(sine(1000, 16000, 16000), 16000, 24000), 24000);

        // the image of 1 kHz around 16 kHz (15 kHz) folds to 9 kHz in a 24 kHz stream
        assertThat(goertzelDbfs(output, 24000, 1000) - goertzelDbfs(output, 24000, 9000)).isGreaterThan(60);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"24000,16000", "16000,24000", "22050,24000", "48000,24000", "44100,16000", "16001,16000"})
    void chunkedProcessingEqualsOneShot(int fromRate, int toRate) {
        Random random = new Random(42);
        short[] input = noisySweep(fromRate, random);
        short[] oneShot = Resampler.convert(input, fromRate, toRate);

        Resampler resampler = new Resampler(fromRate, toRate);
        short[] chunked = new short[0];
        for (int offset = 0; offset < input.length; ) {
            int length = Math.min(input.length - offset, random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(900));
            chunked = concat(chunked, resampler.process(Arrays.copyOfRange(input, offset, offset + length)));
            offset += length;
        }
        chunked = concat(chunked, resampler.flush());

        assertThat(chunked).hasSameSizeAs(oneShot);
        for (int i = 0; i < oneShot.length; i++) {
            assertThat(Math.abs(chunked[i] - oneShot[i])).as("sample %d", i).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void outputLengthFollowsTheRateRatioExactly() {
        assertThat(Resampler.convert(new short[48007], 16000, 24000)).hasSize(72011); // ceil(48007 * 3 / 2)
        assertThat(Resampler.convert(new short[24000], 24000, 16000)).hasSize(16000);
        assertThat(Resampler.convert(new short[22050], 22050, 24000)).hasSize(24000);
        assertThat(Resampler.convert(new short[7], 48000, 24000)).hasSize(4);
        assertThat(Resampler.convert(new short[0], 16000, 24000)).isEmpty();
    }

    @Test
    void fullScaleInputIsClampedInsteadOfWrappingAround() {
        short[] square = new short[24000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 60) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }

        short[] output = Resampler.convert(square, 24000, 16000);

        for (int period = 0; period < 130; period++) { // the middle of each half period keeps its sign
            assertThat(output[period * 80 + 20]).isGreaterThan((short) 20000);
            assertThat(output[period * 80 + 60]).isLessThan((short) -20000);
        }
    }

    @Test
    void samePassThroughAndEndOfStreamIsFinal() {
        short[] input = {1, -2, 3};
        Resampler resampler = new Resampler(16000, 16000);

        assertThat(resampler.process(input)).containsExactly(input);
        assertThat(resampler.flush()).isEmpty();
        assertThatThrownBy(() -> resampler.process(input)).isInstanceOf(IllegalStateException.class);
    }

    private static short[] sine(double hz, int rate, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /** Random speech-like content: a chirp with noise, so every phase and frequency region gets exercised. */
    private static short[] noisySweep(int rate, Random random) {
        short[] out = new short[rate * 2];
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / rate;
            out[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * (100 + 2000 * t) * t) + 3000 * random.nextGaussian());
        }
        return out;
    }

    /** Drops 50 ms at both ends, where the filter sees the silence before and after the stream. */
    private static short[] steadyPart(short[] samples, int rate) {
        int edge = rate / 20;
        return Arrays.copyOfRange(samples, edge, samples.length - edge);
    }

    private static double steadySeconds(short[] samples, int rate) {
        return (double) steadyPart(samples, rate).length / rate;
    }

    private static double differenceDb(short[] actual, short[] expected) {
        int n = Math.min(actual.length, expected.length);
        short[] difference = new short[n];
        for (int i = 0; i < n; i++) {
            difference[i] = (short) (actual[i] - expected[i]);
        }
        return Pcm16.rmsDbfs(difference) - Pcm16.rmsDbfs(Arrays.copyOf(expected, n));
    }

    private static int zeroCrossings(short[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    /** Level of one frequency component, in dBFS of an equivalent sine's RMS. */
    private static double goertzelDbfs(short[] samples, int rate, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        double amplitude = 2 * Math.sqrt(power) / samples.length;
        return 20 * Math.log10(Math.max(amplitude / Math.sqrt(2) / 32768, 1e-9));
    }

    private static short[] concat(short[] a, short[] b) {
        short[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
