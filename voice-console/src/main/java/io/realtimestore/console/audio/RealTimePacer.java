package io.realtimestore.console.audio;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Keeps a stream of audio frames on the wall clock: {@link #await(int)} returns when the frames handed over so far
 * (these included) would have finished playing, as a microphone delivers a block once it has captured it and a
 * speaker has played a block once its time has passed. Measured from an anchor, so sleeps do not accumulate drift;
 * after a pause (nothing handed over for a while) it re-anchors instead of rushing to catch up.
 */
public final class RealTimePacer {

    private static final long LATE_RESTART_NANOS = 100_000_000L;

    private final int rate;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long anchor = Long.MIN_VALUE;
    private long framesSinceAnchor;

    /** Sleeps until a {@link System#nanoTime()} deadline; replaced in tests by a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepUntil(long deadlineNanos);
    }

    public RealTimePacer(int rate) {
        this(rate, System::nanoTime, deadline -> {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(left);
            }
        });
    }

    public RealTimePacer(int rate, LongSupplier nanoClock, Sleeper sleeper) {
        this.rate = rate;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Waits until {@code frames} more frames would have been played. */
    public void await(int frames) {
        long now = nanoClock.getAsLong();
        if (anchor == Long.MIN_VALUE || now - deadline(framesSinceAnchor) > LATE_RESTART_NANOS) {
            anchor = now;
            framesSinceAnchor = 0;
        }
        framesSinceAnchor += frames;
        sleeper.sleepUntil(deadline(framesSinceAnchor));
    }

    private long deadline(long frames) {
        return anchor + frames * 1_000_000_000L / rate;
    }
}
