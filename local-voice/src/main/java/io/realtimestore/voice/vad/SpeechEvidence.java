package io.realtimestore.voice.vad;

/**
 * The speech/non-speech decisions of the last few frames, and whether they add up to speech: at least
 * {@code minimumSpeechFrames} of the last {@code windowFrames}. A click that lifts a single frame over the threshold
 * therefore neither opens a turn nor extends one.
 */
final class SpeechEvidence {

    private final int windowFrames;
    private final int minimumSpeechFrames;
    private final int windowMask;
    /** Bit i set = the frame i frames before the newest one was speech. */
    private int recent;

    SpeechEvidence(int windowFrames, int minimumSpeechFrames) {
        if (windowFrames < 1 || windowFrames > 30 || minimumSpeechFrames < 1 || minimumSpeechFrames > windowFrames) {
            throw new IllegalArgumentException("Need 1 <= minimum (" + minimumSpeechFrames + ") <= window (" + windowFrames + ") <= 30");
        }
        this.windowFrames = windowFrames;
        this.minimumSpeechFrames = minimumSpeechFrames;
        this.windowMask = (1 << windowFrames) - 1;
    }

    /** Adds the newest frame's decision; returns whether the window now counts as speech. */
    boolean add(boolean speech) {
        recent = ((recent << 1) | (speech ? 1 : 0)) & windowMask;
        return Integer.bitCount(recent) >= minimumSpeechFrames;
    }

    /** How many frames before the newest one the oldest speech frame in the window lies (0 = the newest). */
    int framesSinceFirstSpeech() {
        return 31 - Integer.numberOfLeadingZeros(recent);
    }

    /** How many frames before the newest one the latest speech frame lies (0 = the newest). */
    int framesSinceLastSpeech() {
        return recent == 0 ? windowFrames : Integer.numberOfTrailingZeros(recent);
    }

    void reset() {
        recent = 0;
    }
}
