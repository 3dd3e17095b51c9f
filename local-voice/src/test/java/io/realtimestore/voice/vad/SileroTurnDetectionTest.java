package io.realtimestore.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.realtimestore.voice.vad.RecordedTurns.Turn;
import io.realtimestore.voice.vad.SpokenStream.Span;
import io.realtimestore.voice.vad.TurnDetector.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Turn detection on real speech (flite) with the real Silero model, in silence and in pink noise. */
class SileroTurnDetectionTest {

    /** Fed in chunks that do not line up with the 512-sample frames, as network audio arrives. */
    private static final int CHUNK = 333;
    private static final int FRAME_MS = 32;
    private static SileroVad vad;
    private static SpokenStream conversation;

    @BeforeAll
    static void setUp() {
        vad = SileroVad.load();
        conversation = SpokenStream.twoUtterances();
    }

    @AfterAll
    static void closeModel() {
        vad.close();
    }

    /**
     * In noise the onset comes later than in clean audio: the first ~150 ms of "show" (a quiet "sh", 30 dB under the
     * vowels) lies under the noise, so the true start measured on the clean speech cannot be heard. The prefix padding
     * covers that lateness: no speech is lost.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"clean,,150", "pink noise at 10 dB SNR,10,250", "pink noise at 0 dB SNR,0,250"})
    void findsExactlyTheTwoTurnsWhereTheSpeechIs(String label, Double snrDb, long maxLateOnsetMs) {
        SpokenStream stream = snrDb == null ? conversation : conversation.withPinkNoise(snrDb);
        Settings settings = Settings.defaults();

        RecordedTurns recorded = detect(stream, settings);

        assertThat(recorded.turns).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Turn turn = recorded.turns.get(i);
            Span truth = stream.speech().get(i);
            assertThat(turn.closed()).as("turn %d closed", i).isTrue();
            assertThat(turn.audioStartMs + settings.prefixPaddingMs()).as("turn %d detected onset", i)
                    .isBetween(truth.startMs() - 150, truth.startMs() + maxLateOnsetMs);
            assertThat(turn.audioStartMs).as("turn %d audio_start_ms: the padding covers the true start", i)
                    .isLessThanOrEqualTo(truth.startMs());
            assertThat(turn.startAudioSamples / 16L).as("turn %d audio at speechStarted: padding + trigger frames", i)
                    .isEqualTo(turn.startPositionMs - turn.audioStartMs)
                    .isBetween((long) settings.prefixPaddingMs() + 2 * FRAME_MS, (long) settings.prefixPaddingMs() + 3 * FRAME_MS);
            assertThat(turn.audioEndMs).as("turn %d audio_end_ms", i).isCloseTo(truth.endMs(), within(200L));
            assertThat(turn.stopPositionMs - turn.audioEndMs).as("turn %d silence fed before speechStopped", i)
                    .isBetween((long) settings.silenceDurationMs(), (long) settings.silenceDurationMs() + FRAME_MS);
            assertThat(turn.stopPositionMs - truth.endMs()).as("turn %d speechStopped after the true end", i)
                    .isBetween(settings.silenceDurationMs() - 200L, settings.silenceDurationMs() + 200L);
            assertThat(turn.deliveredMs()).as("turn %d audio delivered", i).isEqualTo(turn.stopPositionMs - turn.audioStartMs);
        }
    }

    @Test
    void theSilenceDurationDecidesWhenTheTurnEnds() {
        RecordedTurns quick = detect(conversation, new Settings(0.5, 300, 200));
        RecordedTurns patient = detect(conversation, new Settings(0.5, 300, 800));

        assertThat(quick.turns).hasSize(2);
        assertThat(patient.turns).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(quick.turns.get(i).stopPositionMs - quick.turns.get(i).audioEndMs).isBetween(200L, 200L + FRAME_MS);
            assertThat(patient.turns.get(i).stopPositionMs - patient.turns.get(i).audioEndMs).isBetween(800L, 800L + FRAME_MS);
            assertThat(patient.turns.get(i).stopPositionMs - quick.turns.get(i).stopPositionMs).isCloseTo(600L, within(2L * FRAME_MS));
        }
    }

    @Test
    void aPauseSplitsTheTurnOnlyWhenItOutlastsTheSilenceDuration() {
        SpokenStream pause = SpokenStream.builder().silence(800).say("show me waterproof tents").silence(300)
                .say("in blue").silence(1000).build();

        assertThat(detect(pause, new Settings(0.5, 300, 200)).turns).hasSize(2);
        assertThat(detect(pause, new Settings(0.5, 300, 800)).turns).hasSize(1);
    }

    @Test
    void newSettingsApplyFromTheNextFrame() {
        RecordedTurns recorded = new RecordedTurns();
        TurnDetector detector = recorded.attach(vad.newStream(), new Settings(0.5, 300, 2000));
        long midFirstUtterance = conversation.speech().get(0).startMs() + 500;

        RecordedTurns.feed(detector, conversation.slice(0, midFirstUtterance), CHUNK);
        detector.settings(new Settings(0.5, 300, 200));
        RecordedTurns.feed(detector, conversation.slice(midFirstUtterance, conversation.durationMs()), CHUNK);

        assertThat(recorded.turns).hasSize(2); // with 2000 ms the 1.5 s pause would have joined them
        assertThat(recorded.turns.get(0).stopPositionMs - recorded.turns.get(0).audioEndMs).isBetween(200L, 200L + FRAME_MS);
    }

    @Test
    void clearDropsTheOpenTurnWithoutSpeechStopped() {
        RecordedTurns recorded = new RecordedTurns();
        TurnDetector detector = recorded.attach(vad.newStream(), Settings.defaults());
        long midFirstUtterance = conversation.speech().get(0).startMs() + 400;
        RecordedTurns.feed(detector, conversation.slice(0, midFirstUtterance), CHUNK);
        assertThat(detector.inSpeech()).isTrue();

        recorded.clear();

        assertThat(detector.inSpeech()).isFalse();
        assertThat(recorded.turns).hasSize(1);
        assertThat(recorded.turns.get(0).audioEndMs).as("no speechStopped for the cleared turn").isEqualTo(-1);
        RecordedTurns.feed(detector, conversation.slice(midFirstUtterance, conversation.durationMs()), CHUNK);
        Turn lastTurn = recorded.last();
        assertThat(recorded.turns.subList(1, recorded.turns.size()))
                .allSatisfy(turn -> assertThat(turn.audioStartMs).as("nothing from before the clear").isGreaterThanOrEqualTo(midFirstUtterance));
        assertThat(lastTurn.closed()).isTrue();
        assertThat(lastTurn.audioEndMs).isCloseTo(conversation.speech().get(1).endMs(), within(200L));
    }

    @Test
    void endTurnClosesTheOpenTurnAtOnceWithAllItsAudio() {
        RecordedTurns recorded = new RecordedTurns();
        TurnDetector detector = recorded.attach(vad.newStream(), Settings.defaults());
        long midFirstUtterance = conversation.speech().get(0).startMs() + 601; // not on a frame boundary
        RecordedTurns.feed(detector, conversation.slice(0, midFirstUtterance), 1000);
        assertThat(detector.inSpeech()).isTrue();

        detector.endTurn();

        Turn turn = recorded.turns.get(0);
        assertThat(detector.inSpeech()).isFalse();
        assertThat(turn.stopPositionMs).isEqualTo(midFirstUtterance);
        assertThat(turn.audioEndMs).isBetween(midFirstUtterance - 100, midFirstUtterance);
        assertThat(turn.deliveredMs()).as("the unanalysed tail is part of the turn").isEqualTo(midFirstUtterance - turn.audioStartMs);

        detector.endTurn(); // outside a turn: nothing happens
        assertThat(recorded.turns).hasSize(1);
    }

    private static RecordedTurns detect(SpokenStream stream, Settings settings) {
        RecordedTurns recorded = new RecordedTurns();
        try (VadStream vadStream = vad.newStream()) {
            RecordedTurns.feed(recorded.attach(vadStream, settings), stream.audio(), CHUNK);
        }
        return recorded;
    }
}
