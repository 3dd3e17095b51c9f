package io.realtimestore.console.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.realtimestore.console.audio.Pcm16;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class WavReaderTest {

    @Test
    void readsAStereo16BitFileWrittenByJavaSoundAsItsMonoMix() throws Exception {
        ByteBuffer frames = WavFiles.le(4 * 3).putShort((short) 16384).putShort((short) 0) // (0.5 + 0) / 2
                .putShort((short) -32768).putShort((short) -32768) // -1
                .putShort((short) 1000).putShort((short) 3000);
        AudioFormat format = new AudioFormat(44_100, 16, 2, true, false);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(frames.array()), format, 3), AudioFileFormat.Type.WAVE, file);

        WavAudio audio = WavReader.parse(file.toByteArray());

        assertThat(audio.sampleRate()).isEqualTo(44_100);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.samples()).containsExactly(0.25f, -1f, 2000 / 32768f);
    }

    @Test
    void reads8BitUnsigned24BitAnd32BitIntegerSamples() throws Exception {
        WavAudio eight = WavReader.parse(WavFiles.riff().format(1, 1, 8000, 8).chunk("data", new byte[] {(byte) 128, (byte) 255, 0}).bytes());
        assertThat(eight.samples()).containsExactly(0f, 127 / 128f, -1f);

        byte[] twentyFour = {0, 0, 0x40, (byte) 0xff, (byte) 0xff, (byte) 0xff}; // +0.5, -1/8388608
        WavAudio deep = WavReader.parse(WavFiles.riff().format(1, 1, 48_000, 24).chunk("data", twentyFour).bytes());
        assertThat(deep.samples()[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(deep.samples()[1]).isCloseTo(-1 / 8388608f, within(1e-9f));

        byte[] thirtyTwo = WavFiles.le(4).putInt(Integer.MIN_VALUE).array();
        assertThat(WavReader.parse(WavFiles.riff().format(1, 1, 16_000, 32).chunk("data", thirtyTwo).bytes()).samples())
                .containsExactly(-1f);
    }

    @Test
    void readsFloatSamplesPlainAndExtensible() throws Exception {
        byte[] floats = WavFiles.le(8).putFloat(0.25f).putFloat(-0.75f).array();
        assertThat(WavReader.parse(WavFiles.riff().format(3, 1, 22_050, 32).chunk("data", floats).bytes()).samples())
                .containsExactly(0.25f, -0.75f);
        assertThat(WavReader.parse(WavFiles.riff().extensibleFormat(3, 1, 22_050, 32).chunk("data", floats).bytes()).samples())
                .containsExactly(0.25f, -0.75f);
        byte[] doubles = WavFiles.le(8).putDouble(0.5).array();
        assertThat(WavReader.parse(WavFiles.riff().format(3, 1, 22_050, 64).chunk("data", doubles).bytes()).samples())
                .containsExactly(0.5f);
    }

    @Test
    void skipsOtherChunksIncludingOddSizedOnesAndReadsADataChunkOfUnknownSizeToTheEnd() throws Exception {
        byte[] pcm = WavFiles.le(4).putShort((short) 8192).putShort((short) -8192).array();
        WavAudio audio = WavReader.parse(WavFiles.riff().chunk("LIST", new byte[] {1, 2, 3}).format(1, 1, 24_000, 16)
                .chunk("fact", new byte[4]).dataOfUnknownSize(pcm).bytes());
        assertThat(audio.samples()).containsExactly(0.25f, -0.25f);
        assertThat(audio.toPcm16At24k()).hasSize(4);
    }

    @Test
    void explainsWhatIsWrongWithFilesItCannotRead() {
        assertThatThrownBy(() -> WavReader.parse("ID3 this is an mp3".getBytes()))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("not a WAV file");
        assertThatThrownBy(() -> WavReader.parse(WavFiles.riff().format(0x55, 1, 44_100, 16).chunk("data", new byte[4]).bytes()))
                .hasMessageContaining("unsupported WAV encoding").hasMessageContaining("sox");
        assertThatThrownBy(() -> WavReader.parse(WavFiles.riff().format(1, 1, 16_000, 16).bytes()))
                .hasMessageContaining("no audio");
        assertThatThrownBy(() -> WavReader.parse(WavFiles.riff().chunk("data", new byte[4]).bytes()))
                .hasMessageContaining("before its format");
    }

    @Test
    void aFileAtAnotherRateComesOutAt24kHz() throws Exception {
        byte[] pcm = new byte[16_000 * 2]; // one second at 16 kHz
        WavAudio audio = WavReader.parse(WavFiles.riff().format(1, 1, 16_000, 16).chunk("data", pcm).bytes());
        assertThat(audio.durationMs()).isEqualTo(1000);
        assertThat(audio.toPcm16At24k()).hasSize(Pcm16.RATE * 2);
    }
}
