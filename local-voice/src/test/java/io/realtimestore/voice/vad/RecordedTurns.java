package io.realtimestore.voice.vad;

import java.util.ArrayList;
import java.util.List;

/** A {@link TurnDetector.Listener} that records each turn, and where the detector stood when each event fired. */
final class RecordedTurns implements TurnDetector.Listener {

    /** One turn; {@code stopPositionMs} and {@code audioEndMs} stay -1 while it is open. */
    static final class Turn {
        long audioStartMs;
        long startPositionMs;
        int startAudioSamples;
        int totalSamples;
        long audioEndMs = -1;
        long stopPositionMs = -1;
        boolean cleared;

        boolean closed() {
            return stopPositionMs >= 0 || cleared;
        }

        /** Audio the turn delivered, in ms, from speechStarted on. */
        long deliveredMs() {
            return totalSamples / 16;
        }
    }

    final List<Turn> turns = new ArrayList<>();
    private TurnDetector detector;

    /** A detector reporting to this recorder, on a new stream of {@code vad}. */
    TurnDetector attach(VadStream stream, TurnDetector.Settings settings) {
        detector = new TurnDetector(stream, settings, this);
        return detector;
    }

    /** Feeds the whole stream in chunks of {@code chunkSamples} (deliberately not a multiple of the VAD frame). */
    static void feed(TurnDetector detector, short[] audio, int chunkSamples) {
        for (int offset = 0; offset < audio.length; offset += chunkSamples) {
            detector.accept(java.util.Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + chunkSamples)));
        }
    }

    /** {@link TurnDetector#clear()}, noting that an open turn was dropped without speechStopped. */
    void clear() {
        if (!turns.isEmpty() && !last().closed()) {
            last().cleared = true;
        }
        detector.clear();
    }

    @Override
    public void speechStarted(long audioStartMs, short[] audio) {
        if (!turns.isEmpty() && !last().closed()) {
            throw new AssertionError("speechStarted while a turn is open");
        }
        Turn turn = new Turn();
        turn.audioStartMs = audioStartMs;
        turn.startPositionMs = detector.positionMs();
        turn.startAudioSamples = audio.length;
        turn.totalSamples = audio.length;
        turns.add(turn);
    }

    @Override
    public void speechAudio(short[] audio) {
        if (turns.isEmpty() || last().closed()) {
            throw new AssertionError("speechAudio outside a turn");
        }
        last().totalSamples += audio.length;
    }

    @Override
    public void speechStopped(long audioEndMs) {
        if (turns.isEmpty() || last().closed()) {
            throw new AssertionError("speechStopped outside a turn");
        }
        last().audioEndMs = audioEndMs;
        last().stopPositionMs = detector.positionMs();
    }

    Turn last() {
        return turns.get(turns.size() - 1);
    }
}
