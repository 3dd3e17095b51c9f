package io.realtimestore.console.wav;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.console.audio.Pcm16;
import io.realtimestore.console.support.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesA24kHzMonoPcm16FileThatJavaSoundAndTheReaderAgreeOn() throws Exception {
        Path file = dir.resolve("answer.wav");
        byte[] first = Signals.tonePcm(440, 100);
        byte[] second = Signals.tonePcm(880, 50);
        try (WavWriter writer = WavWriter.create(file, Pcm16.RATE)) {
            writer.write(first, 0, first.length);
            writer.write(second, 0, second.length);
        }

        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(24_000f);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(format.isBigEndian()).isFalse();
            assertThat(in.getFrameLength()).isEqualTo(150 * 24);
            byte[] pcm = in.readAllBytes();
            assertThat(pcm).startsWith(first).endsWith(second);
        }
        assertThat(WavReader.read(file).durationMs()).isEqualTo(150);
        assertThat(Files.size(file)).isEqualTo(44 + 150 * 48);
    }

    @Test
    void untilClosedTheSizesSayUnknownSoACutShortFileIsStillReadable() throws Exception {
        Path file = dir.resolve("partial.wav");
        WavWriter writer = WavWriter.create(file, Pcm16.RATE);
        byte[] pcm = Signals.tonePcm(440, 20);
        writer.write(pcm, 0, pcm.length);

        assertThat(WavReader.read(file).durationMs()).isEqualTo(20);
        writer.close();
        assertThat(WavReader.read(file).durationMs()).isEqualTo(20);
    }
}
