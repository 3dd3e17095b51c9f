package io.realtimestore.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SileroVadTest {

    private static final int FRAME = 512;
    private static SileroVad vad;

    @BeforeAll
    static void loadModel() {
        vad = SileroVad.load();
    }

    @AfterAll
    static void closeModel() {
        vad.close();
    }

    @Test
    void describesItself() {
        try (VadStream stream = vad.newStream()) {
            assertThat(vad.name()).isEqualTo("silero-v5");
            assertThat(stream.frameSamples()).isEqualTo(FRAME);
            assertThatThrownBy(() -> stream.speechProbability(new short[480])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("512");
        }
    }

    @Test
    void speechFramesScoreHighAndTheSilenceAroundThemLow() {
        SpokenStream spoken = SpokenStream.builder().silence(800).say("show me waterproof tents").silence(800).build();
        SpokenStream.Span speech = spoken.speech().get(0);

        float[] probabilities = probabilities(spoken.audio());

        int speechFrames = 0;
        int confidentSpeechFrames = 0;
        float loudestSilence = 0;
        for (int f = 0; f < probabilities.length; f++) {
            long startMs = f * 32L;
            long endMs = startMs + 32;
            if (startMs >= speech.startMs() && endMs <= speech.endMs()) {
                speechFrames++;
                confidentSpeechFrames += probabilities[f] >= 0.5 ? 1 : 0;
            } else if (endMs <= speech.startMs() - 100 || startMs >= speech.endMs() + 300) {
                loudestSilence = Math.max(loudestSilence, probabilities[f]);
            }
        }
        assertThat((double) confidentSpeechFrames / speechFrames).as("share of speech frames at p >= 0.5").isGreaterThan(0.85);
        assertThat(loudestSilence).as("highest probability in the silence").isLessThan(0.2f);
    }

    @Test
    void pinkNoiseAndDigitalSilenceScoreLow() {
        assertThat(max(probabilities(TestSpeech.pinkNoise(3 * 16000)))).as("pink noise").isLessThan(0.3f);
        assertThat(max(probabilities(new short[2 * 16000]))).as("digital silence").isLessThan(0.1f);
    }

    @Test
    void interleavedStreamsGiveTheSameResultsAsSeparateOnes() {
        short[] speech = SpokenStream.builder().silence(300).say("show me waterproof tents").build().audio();
        short[] noise = TestSpeech.pinkNoise(speech.length);
        float[] speechAlone = probabilities(speech);
        float[] noiseAlone = probabilities(noise);

        try (VadStream first = vad.newStream(); VadStream second = vad.newStream()) {
            for (int f = 0; f < speechAlone.length; f++) {
                assertThat(first.speechProbability(frame(speech, f))).as("speech frame %d", f).isEqualTo(speechAlone[f]);
                assertThat(second.speechProbability(frame(noise, f))).as("noise frame %d", f).isEqualTo(noiseAlone[f]);
            }
        }
    }

    @Test
    void resetMakesAStreamStartAfresh() {
        short[] speech = SpokenStream.builder().say("show me waterproof tents").build().audio();
        float[] fresh = probabilities(speech);

        try (VadStream stream = vad.newStream()) {
            for (int f = 0; f < fresh.length; f++) {
                stream.speechProbability(frame(speech, f));
            }
            stream.reset();
            for (int f = 0; f < fresh.length; f++) {
                assertThat(stream.speechProbability(frame(speech, f))).as("frame %d", f).isEqualTo(fresh[f]);
            }
        }
    }

    private static float[] probabilities(short[] audio) {
        try (VadStream stream = vad.newStream()) {
            float[] probabilities = new float[audio.length / FRAME];
            for (int f = 0; f < probabilities.length; f++) {
                probabilities[f] = stream.speechProbability(frame(audio, f));
            }
            return probabilities;
        }
    }

    private static short[] frame(short[] audio, int index) {
        return Arrays.copyOfRange(audio, index * FRAME, (index + 1) * FRAME);
    }

    private static float max(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
