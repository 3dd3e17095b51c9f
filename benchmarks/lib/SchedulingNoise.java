import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.LockSupport;

/**
 * How much the machine itself delays threads, measured before a benchmark puts any load on it: how late a thread that
 * sleeps 1 ms wakes up, and how long threads that never sleep (one per CPU) go without running. On an idle physical
 * machine both stay in the tens of microseconds. A virtual machine whose vCPUs the host deschedules shows milliseconds,
 * and every latency percentile measured on it carries that; the report prints these figures next to its own.
 *
 * @param wakeSamples            how many 1 ms sleeps were timed
 * @param wakeP50Ms              lateness of a wake-up after a 1 ms sleep, percentiles and max, in ms
 * @param spinners               threads that spun, one per CPU
 * @param pinned                 whether each spinner was pinned to its own CPU (taskset), so that only the host could
 *                               take its CPU away
 * @param stalledPercent         share of the spinners' time lost in gaps over 50 µs
 * @param stallsOver1msPerSecond gaps over 1 ms, per CPU and second
 * @param longestStallMs         the longest gap
 */
record SchedulingNoise(int wakeSamples, double wakeP50Ms, double wakeP99Ms, double wakeP999Ms, double wakeMaxMs,
        int spinners, boolean pinned, double stalledPercent, double stallsOver1msPerSecond, double longestStallMs) {

    private static final long SLEEP_NANOS = 1_000_000;
    /** A timer interrupt or a page fault costs a few µs; a gap longer than this is the thread not running. */
    private static final long STALL_NANOS = 50_000;

    static SchedulingNoise measure(double wakeSeconds, double spinSeconds) {
        long[] late = wakeLateness(wakeSeconds);
        Arrays.sort(late);
        int cpus = Runtime.getRuntime().availableProcessors();
        Spinner[] spinners = new Spinner[cpus];
        CyclicBarrier start = new CyclicBarrier(cpus);
        for (int i = 0; i < cpus; i++) spinners[i] = new Spinner(i, start, (long) (spinSeconds * 1e9));
        for (Spinner s : spinners) s.thread.start();
        long stalled = 0, over1ms = 0, longest = 0;
        boolean pinned = true;
        for (Spinner s : spinners) {
            try {
                s.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stalled += s.stalledNanos;
            over1ms += s.stallsOver1ms;
            longest = Math.max(longest, s.longestNanos);
            pinned &= s.pinned;
        }
        return new SchedulingNoise(late.length, ms(percentile(late, 50)), ms(percentile(late, 99)), ms(percentile(late, 99.9)),
                ms(late.length == 0 ? 0 : late[late.length - 1]), cpus, pinned, 100.0 * stalled / (cpus * spinSeconds * 1e9),
                over1ms / (cpus * spinSeconds), ms(longest));
    }

    /** Sleeps 1 ms at a time for {@code seconds}; returns how late each wake-up was, in ns. */
    private static long[] wakeLateness(double seconds) {
        long[] late = new long[(int) (seconds * 1000) + 1];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (n < late.length) {
            long t = System.nanoTime();
            if (t >= end) break;
            LockSupport.parkNanos(SLEEP_NANOS);
            late[n++] = Math.max(0, System.nanoTime() - t - SLEEP_NANOS);
        }
        return Arrays.copyOf(late, n);
    }

    /** One thread that reads the clock in a loop and records the gaps: the time it was not running. */
    private static final class Spinner {
        final Thread thread;
        volatile boolean pinned;
        long stalledNanos, stallsOver1ms, longestNanos;

        Spinner(int cpu, CyclicBarrier start, long nanos) {
            thread = new Thread(() -> {
                pinned = BenchmarkHost.pinThisThread(cpu);
                try {
                    start.await();
                } catch (Exception e) {
                    return;
                }
                long last = System.nanoTime(), end = last + nanos;
                while (last < end) {
                    long now = System.nanoTime(), gap = now - last;
                    if (gap > STALL_NANOS) {
                        stalledNanos += gap;
                        if (gap > 1_000_000) stallsOver1ms++;
                        if (gap > longestNanos) longestNanos = gap;
                    }
                    last = now;
                }
            }, "noise-spinner-" + cpu);
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static double ms(long nanos) { return nanos / 1e6; }

    /** One line for the console and the report. */
    String describe() {
        return String.format(Locale.ROOT, "a 1 ms sleep woke late by p50 %.2f / p99 %.2f / p99.9 %.2f / max %.2f ms (%d sleeps);"
                + " %d spinning threads (%s) lost %.1f %% of their time in gaps over 50 µs, %.1f gaps over 1 ms per CPU-second,"
                + " the longest %.2f ms", wakeP50Ms, wakeP99Ms, wakeP999Ms, wakeMaxMs, wakeSamples, spinners,
                pinned ? "one pinned to each CPU" : "not pinned", stalledPercent, stallsOver1msPerSecond, longestStallMs);
    }

    /** Whether a latency p99 of a few ms on this machine can be the machine's own. */
    boolean noisy() {
        return wakeP99Ms > 0.5 || longestStallMs > 2;
    }
}
