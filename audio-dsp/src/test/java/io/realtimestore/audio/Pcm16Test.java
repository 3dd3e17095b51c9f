package io.realtimestore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void decodesLittleEndianSignedSamples() {
        byte[] bytes = {0x34, 0x12, (byte) 0xff, (byte) 0xff, 0x00, (byte) 0x80, (byte) 0xff, 0x7f};

        assertThat(Pcm16.fromLittleEndian(bytes)).containsExactly((short) 0x1234, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Test
    void ignoresAnOddTrailingByteAndHonoursOffsetAndLength() {
        byte[] bytes = {0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04};

        assertThat(Pcm16.fromLittleEndian(bytes)).containsExactly((short) 1, (short) 2, (short) 3);
        assertThat(Pcm16.fromLittleEndian(bytes, 2, 5)).containsExactly((short) 2, (short) 3);
    }

    @Test
    void roundTripsEverySampleValue() {
        short[] samples = new short[65536];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i + Short.MIN_VALUE);
        }

        assertThat(Pcm16.fromLittleEndian(Pcm16.toLittleEndian(samples))).isEqualTo(samples);
    }

    @Test
    void measuresRmsRelativeToFullScale() {
        short[] fullScaleSine = new short[16000];
        for (int i = 0; i < fullScaleSine.length; i++) {
            fullScaleSine[i] = (short) Math.round(32767 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }

        assertThat(Pcm16.rmsDbfs(fullScaleSine)).isCloseTo(-3.01, within(0.02));
        assertThat(Pcm16.rmsDbfs(new short[320])).isEqualTo(Pcm16.SILENCE_DBFS);
        assertThat(Pcm16.rmsDbfs(new short[0])).isEqualTo(Pcm16.SILENCE_DBFS);
    }

    @Test
    void convertsSampleCountsToMilliseconds() {
        assertThat(Pcm16.durationMs(16000, 16000)).isEqualTo(1000);
        assertThat(Pcm16.durationMs(512, 16000)).isEqualTo(32);
        assertThat(Pcm16.durationMs(2_000_000_000, 24000)).isEqualTo(83_333_333);
    }
}
