package io.realtimestore.console.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.realtimestore.console.support.Signals;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @ParameterizedTest
    @ValueSource(ints = {8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 44_057, 48_000, 96_000})
    void aToneKeepsItsFrequencyAndLevel(int inputRate) {
        float[] tone = Signals.sine(1000, inputRate, inputRate, 0.5); // one second of 1 kHz
        float[] out = Resampler.convert(tone, inputRate, Pcm16.RATE);

        assertThat(out.length).isEqualTo((int) Math.ceil(inputRate * (double) Pcm16.RATE / inputRate));
        // away from the edges: whole periods of 1 kHz at 24 kHz are 24 samples
        int from = 2400;
        int to = out.length - 2400;
        assertThat(Signals.amplitudeAt(out, from, to, 1000, Pcm16.RATE)).isCloseTo(0.5, within(0.01));
        assertThat(Signals.amplitudeAt(out, from, to, 1100, Pcm16.RATE)).isLessThan(0.001);
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000})
    void toneAboveTheNewNyquistFrequencyDoesNotFoldBack(int inputRate) {
        // 15 kHz cannot exist at 24 kHz; without a low-pass it would alias to 24 - 15 = 9 kHz
        float[] tone = Signals.sine(15_000, inputRate, inputRate, 0.5);
        float[] out = Resampler.convert(tone, inputRate, Pcm16.RATE);

        double residue = Signals.rms(out, 2400, out.length - 2400);
        assertThat(20 * Math.log10(residue / (0.5 / Math.sqrt(2)))).isLessThan(-60);
    }

    @Test
    void theOutputIsAlignedWithTheInput() {
        float[] click = new float[44_100];
        click[22_050] = 1; // at 0.5 s
        float[] out = Resampler.convert(click, 44_100, Pcm16.RATE);

        int peak = 0;
        for (int i = 1; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo(12_000);
    }

    @Test
    void streamingInBlocksOfAnySizeGivesTheSameResultAsOneGo() {
        float[] noise = new float[48_000];
        Random random = new Random(7);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * 0.2);
        }
        float[] whole = Resampler.convert(noise, 48_000, Pcm16.RATE);

        Resampler streaming = new Resampler(48_000, Pcm16.RATE);
        float[] pieces = new float[0];
        for (int offset = 0; offset < noise.length;) {
            int size = Math.min(noise.length - offset, 1 + random.nextInt(2000));
            pieces = concat(pieces, streaming.process(Arrays.copyOfRange(noise, offset, offset + size)));
            offset += size;
        }
        pieces = concat(pieces, streaming.flush());

        assertThat(pieces).hasSameSizeAs(whole);
        for (int i = 0; i < whole.length; i++) {
            assertThat(pieces[i]).isCloseTo(whole[i], within(1e-6f));
        }
    }

    @Test
    void silenceStaysSilentAndTheSameRateIsACopy() {
        assertThat(Resampler.convert(new float[1000], 16_000, Pcm16.RATE)).containsOnly(0f);
        float[] same = Signals.sine(440, Pcm16.RATE, 100, 0.3);
        assertThat(Resampler.convert(same, Pcm16.RATE, Pcm16.RATE)).containsExactly(same);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
