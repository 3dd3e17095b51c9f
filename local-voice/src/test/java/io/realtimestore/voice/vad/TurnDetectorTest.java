package io.realtimestore.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimestore.voice.vad.RecordedTurns.Turn;
import io.realtimestore.voice.vad.TurnDetector.Settings;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact turn-taking rules, on a scripted VAD: each frame of the test audio is a constant whose value, divided by
 * 1000, is the probability the VAD reports for it.
 */
class TurnDetectorTest {

    private static final int FRAME = 512;
    private static final int FRAME_MS = 32;
    private static final double SPEECH = 0.9;
    private static final double QUIET = 0.1;

    /** Reports the scripted probability of each frame; frames need not be scripted whole when fed in pieces. */
    private static final class ScriptedVad implements VadStream {
        @Override
        public int frameSamples() {
            return FRAME;
        }

        @Override
        public float speechProbability(short[] frame) {
            return frame[0] / 1000f;
        }

        @Override
        public void reset() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSingleSpeechFrameIsAClickButTwoOpenATurn() {
        RecordedTurns click = detect(Settings.defaults(), FRAME, run(QUIET, 20), run(SPEECH, 1), run(QUIET, 40));
        RecordedTurns speech = detect(Settings.defaults(), FRAME, run(QUIET, 20), run(SPEECH, 2), run(QUIET, 40));

        assertThat(click.turns).isEmpty();
        assertThat(speech.turns).hasSize(1);
        assertThat(speech.turns.get(0).audioStartMs).isEqualTo(20 * FRAME_MS - 300);
    }

    @Test
    void theTurnStartsWithThePrefixPaddingAndTheTriggerFrames() {
        RecordedTurns recorded = detect(Settings.defaults(), FRAME, run(QUIET, 20), run(SPEECH, 10), run(QUIET, 30));

        Turn turn = recorded.turns.get(0);
        assertThat(turn.audioStartMs).isEqualTo(20 * FRAME_MS - 300);
        assertThat(turn.startPositionMs).isEqualTo(22 * FRAME_MS); // confirmed by the second speech frame
        assertThat(turn.startAudioSamples).isEqualTo((300 + 2 * FRAME_MS) * 16);
        assertThat(turn.audioEndMs).isEqualTo(30 * FRAME_MS);
        assertThat(turn.stopPositionMs).isEqualTo(30 * FRAME_MS + 16 * FRAME_MS); // first frame end with >= 500 ms silence
        assertThat(turn.deliveredMs()).isEqualTo(turn.stopPositionMs - turn.audioStartMs);
    }

    @Test
    void aProbabilityAtTheThresholdCountsAsSpeech() {
        Settings settings = new Settings(0.6, 300, 500);

        assertThat(detect(settings, FRAME, run(QUIET, 5), run(0.6, 3), run(QUIET, 20)).turns).hasSize(1);
        assertThat(detect(settings, FRAME, run(QUIET, 5), run(0.599, 3), run(QUIET, 20)).turns).isEmpty();
    }

    @Test
    void thePaddingStopsAtTheStartOfTheStream() {
        RecordedTurns recorded = detect(Settings.defaults(), FRAME, run(QUIET, 2), run(SPEECH, 10), run(QUIET, 20));

        assertThat(recorded.turns.get(0).audioStartMs).isZero();
        assertThat(recorded.turns.get(0).startAudioSamples).isEqualTo(4 * FRAME);
    }

    @Test
    void aClickDuringTheTrailingSilenceDoesNotExtendTheTurn() {
        RecordedTurns recorded = detect(Settings.defaults(), FRAME,
                run(QUIET, 10), run(SPEECH, 10), run(QUIET, 5), run(SPEECH, 1), run(QUIET, 30));

        assertThat(recorded.turns).hasSize(1);
        assertThat(recorded.turns.get(0).audioEndMs).isEqualTo(20 * FRAME_MS);
        assertThat(recorded.turns.get(0).stopPositionMs).isEqualTo(36 * FRAME_MS);
    }

    @Test
    void theNextTurnsPaddingNeverReachesBackIntoThePreviousTurn() {
        RecordedTurns recorded = detect(new Settings(0.5, 300, 96), FRAME,
                run(QUIET, 10), run(SPEECH, 10), run(QUIET, 4), run(SPEECH, 10), run(QUIET, 10));

        assertThat(recorded.turns).hasSize(2);
        assertThat(recorded.turns.get(0).stopPositionMs).isEqualTo(23 * FRAME_MS);
        assertThat(recorded.turns.get(1).audioStartMs).isEqualTo(23 * FRAME_MS);
        assertThat(recorded.turns.get(1).startAudioSamples).isEqualTo(3 * FRAME);
    }

    @ParameterizedTest(name = "chunks of {0} samples")
    @ValueSource(ints = {1, 100, 511, 512, 4096, 100_000})
    void theChunkSizeChangesNothing(int chunk) {
        RecordedTurns recorded = detect(Settings.defaults(), chunk,
                run(QUIET, 20), run(SPEECH, 10), run(QUIET, 30), run(SPEECH, 3), run(QUIET, 40));

        assertThat(recorded.turns).extracting(t -> t.audioStartMs, t -> t.audioEndMs, t -> t.stopPositionMs, t -> t.totalSamples)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(340L, 960L, 1472L, (1472 - 340) * 16),
                        org.assertj.core.groups.Tuple.tuple(1620L, 2016L, 2528L, (2528 - 1620) * 16));
    }

    @Test
    void clearForgetsTheOpenTurnAndTheAudioBeforeIt() {
        RecordedTurns recorded = new RecordedTurns();
        TurnDetector detector = recorded.attach(new ScriptedVad(), Settings.defaults());
        detector.accept(concat(run(QUIET, 20), run(SPEECH, 5), Arrays.copyOf(run(QUIET, 1), 100)));

        recorded.clear();
        detector.accept(concat(Arrays.copyOf(run(QUIET, 1), FRAME - 100), run(SPEECH, 5), run(QUIET, 20)));

        assertThat(recorded.turns).hasSize(2);
        assertThat(recorded.turns.get(0).cleared).isTrue();
        assertThat(recorded.turns.get(0).audioEndMs).isEqualTo(-1);
        // the frame grid restarts at the clear: padding reaches back to it, not before
        long clearedAtMs = (25 * FRAME + 100) / 16;
        assertThat(recorded.turns.get(1).audioStartMs).isEqualTo(clearedAtMs);
        assertThat(detector.positionMs()).isEqualTo((26 * FRAME + 25 * FRAME) / 16);
    }

    @Test
    void endTurnOutsideATurnDoesNothing() {
        RecordedTurns recorded = new RecordedTurns();
        TurnDetector detector = recorded.attach(new ScriptedVad(), Settings.defaults());
        detector.accept(run(QUIET, 10));

        detector.endTurn();

        assertThat(recorded.turns).isEmpty();
        assertThat(detector.inSpeech()).isFalse();
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> new Settings(1.5, 300, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(Double.NaN, 300, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(0.5, -1, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(0.5, 300, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Settings.defaults()).isEqualTo(new Settings(0.5, 300, 500));
    }

    /** {@code frames} frames of constant audio that the scripted VAD reads as {@code probability}. */
    private static short[] run(double probability, int frames) {
        short[] audio = new short[frames * FRAME];
        Arrays.fill(audio, (short) Math.round(probability * 1000));
        return audio;
    }

    @Test
    void aQuietTailMovesTheEndOfSpeechBackAndTheTurnEndsBetweenFrames() {
        // the last speech frame holds 6 ms of voice and 26 ms of digital silence, like a VAD frame that outlasts the voice
        short[] lastFrame = new short[FRAME];
        Arrays.fill(lastFrame, 0, 96, (short) 900);
        RecordedTurns recorded = detect(Settings.defaults(), 160, run(0, 20), run(SPEECH, 10), lastFrame, run(0, 30));

        Turn turn = recorded.turns.get(0);
        assertThat(turn.audioEndMs).isEqualTo(31 * FRAME_MS - 22); // the end of the 10 ms block holding the voice
        assertThat(turn.stopPositionMs).isEqualTo(turn.audioEndMs + 500); // not the next VAD frame end (1504 ms)
        assertThat(turn.deliveredMs()).isEqualTo(turn.stopPositionMs - turn.audioStartMs);
    }

    @Test
    void aTailThatIsNotClearlyQuietLeavesTheEndToTheVadFrames() {
        // 30 dB below the speech, like background noise: the VAD says silence, the levels cannot tell
        short[] lastFrame = new short[FRAME];
        Arrays.fill(lastFrame, (short) 30);
        Arrays.fill(lastFrame, 0, 96, (short) 900);
        RecordedTurns recorded = detect(Settings.defaults(), 160, run(0.03, 20), run(SPEECH, 10), lastFrame, run(0.03, 30));

        Turn turn = recorded.turns.get(0);
        assertThat(turn.audioEndMs).isEqualTo(31 * FRAME_MS);
        assertThat(turn.stopPositionMs).isEqualTo(47 * FRAME_MS); // the first frame end with >= 500 ms of silence
    }

    private static RecordedTurns detect(Settings settings, int chunk, short[]... parts) {
        RecordedTurns recorded = new RecordedTurns();
        RecordedTurns.feed(recorded.attach(new ScriptedVad(), settings), concat(parts), chunk);
        return recorded;
    }

    private static short[] concat(short[]... parts) {
        short[] all = new short[0];
        for (short[] part : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + part.length);
            System.arraycopy(part, 0, all, at, part.length);
        }
        return all;
    }
}
