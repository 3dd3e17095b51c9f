package io.realtimestore.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.realtimestore.voice.vad.RecordedTurns.Turn;
import io.realtimestore.voice.vad.SpokenStream.Span;
import io.realtimestore.voice.vad.TurnDetector.Settings;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnergyVadTest {

    private final EnergyVad vad = new EnergyVad();

    @Test
    void scoresSilenceAndSteadyNoiseLowAndSpeechHigh() {
        SpokenStream spoken = SpokenStream.builder().silence(500).say("show me waterproof tents").build();
        short[] noise = TestSpeech.pinkNoise(2 * 16000);
        Span speech = spoken.speech().get(0);

        try (VadStream stream = vad.newStream()) {
            assertThat(vad.name()).isEqualTo("energy");
            float[] clean = scores(stream, spoken.audio());
            assertThat(clean[0]).as("digital silence").isLessThan(0.1f);
            long loudFrames = java.util.stream.IntStream.range(0, clean.length)
                    .filter(f -> f * 32 >= speech.startMs() && f * 32 + 32 <= speech.endMs())
                    .filter(f -> clean[f] >= 0.5).count();
            assertThat(loudFrames).as("speech frames over 0.5").isGreaterThan((speech.endMs() - speech.startMs()) / 32 * 3 / 4);

            stream.reset();
            float[] noisy = scores(stream, noise);
            float loudestNoise = 0;
            for (float p : noisy) {
                loudestNoise = Math.max(loudestNoise, p);
            }
            assertThat(loudestNoise).as("steady pink noise against its own floor").isLessThan(0.5f);
        }
    }

    @Test
    void findsTheTwoTurnsOfACleanConversation() {
        SpokenStream conversation = SpokenStream.twoUtterances();
        Settings settings = Settings.defaults();
        RecordedTurns recorded = new RecordedTurns();

        RecordedTurns.feed(recorded.attach(vad.newStream(), settings), conversation.audio(), 700);

        assertThat(recorded.turns).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Turn turn = recorded.turns.get(i);
            Span truth = conversation.speech().get(i);
            assertThat(turn.closed()).isTrue();
            assertThat(turn.audioStartMs + settings.prefixPaddingMs()).isCloseTo(truth.startMs(), within(150L));
            assertThat(turn.audioEndMs).isCloseTo(truth.endMs(), within(200L));
        }
    }

    private static float[] scores(VadStream stream, short[] audio) {
        float[] scores = new float[audio.length / EnergyVad.FRAME_SAMPLES];
        for (int f = 0; f < scores.length; f++) {
            scores[f] = stream.speechProbability(Arrays.copyOfRange(audio, f * EnergyVad.FRAME_SAMPLES, (f + 1) * EnergyVad.FRAME_SAMPLES));
        }
        return scores;
    }
}
