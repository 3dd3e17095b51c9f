package io.realtimestore.voice.vad;

import io.realtimestore.audio.Pcm16;
import java.util.Arrays;

/**
 * The level of every recent 10 ms block of a stream, so {@link TurnDetector} can place the end of speech more finely
 * than the VAD's 32 ms frames. Silero keeps reporting speech for a frame or so after the voice has stopped; measured on
 * the project's spoken fixtures, the last frame it calls speech ends 40-75 ms (median, per voice) after the last
 * audible 10 ms. Counting the silence window from the last loud block instead gives most of that back.
 *
 * <p>A block is <em>quiet</em> when it is {@value #QUIET_BELOW_PEAK_DB} dB or more below the loudest block of the
 * current turn. In noise that holds for no block (at 0 dB SNR the noise is within a few dB of the speech), so the
 * detector then falls back to the VAD's own frame boundaries: the refinement only ever applies to a clean tail.
 * Positions are absolute sample positions of the stream, like the detector's.
 */
final class TailLevels {

    static final int BLOCK_SAMPLES = 160;
    static final double QUIET_BELOW_PEAK_DB = 40;

    private final double[] levels;
    private final short[] block = new short[BLOCK_SAMPLES];
    private int blockFill;
    /** Complete blocks seen; block k covers samples [k × 160, (k + 1) × 160) of the stream. */
    private long blocks;
    private double peakDbfs = Pcm16.SILENCE_DBFS;

    /** @param capacityMs how far back levels are kept: the longest reach of {@link #lastLoudEnd} and {@link #turnStarted} */
    TailLevels(int capacityMs) {
        levels = new double[Math.max(1, capacityMs / 10)];
    }

    /** Takes {@code length} samples from {@code offset}: the stream's next samples. */
    void accept(short[] samples, int offset, int length) {
        for (int end = offset + length; offset < end; ) {
            int count = Math.min(BLOCK_SAMPLES - blockFill, end - offset);
            System.arraycopy(samples, offset, block, blockFill, count);
            blockFill += count;
            offset += count;
            if (blockFill == BLOCK_SAMPLES) {
                blockFill = 0;
                double level = Pcm16.rmsDbfs(block);
                levels[(int) (blocks % levels.length)] = level;
                blocks++;
                peakDbfs = Math.max(peakDbfs, level);
            }
        }
    }

    /** A turn opened: its peak starts from the loudest block still held (the audio that confirmed the speech). */
    void turnStarted() {
        long held = Math.min(blocks, levels.length);
        peakDbfs = Pcm16.SILENCE_DBFS;
        for (long k = blocks - held; k < blocks; k++) {
            peakDbfs = Math.max(peakDbfs, level(k));
        }
    }

    /**
     * The end of the last block that is not quiet, looking back from {@code speechEnd} at most {@code maxBackSamples};
     * {@code speechEnd} itself when the block just before it is loud (or unknown), and never before
     * {@code speechEnd - maxBackSamples}.
     */
    long lastLoudEnd(long speechEnd, int maxBackSamples) {
        long earliest = Math.max(0, speechEnd - maxBackSamples);
        long end = speechEnd;
        while (end > earliest) {
            long k = (end - 1) / BLOCK_SAMPLES; // the block holding the sample just before 'end'
            if (!held(k) || !quiet(k)) {
                return end;
            }
            end = Math.max(earliest, k * BLOCK_SAMPLES);
        }
        return earliest;
    }

    /**
     * How far past {@code from} every complete block is quiet, starting with the block that holds {@code from}: the
     * end of that quiet run, or {@code from} when that block is loud or not complete yet.
     */
    long quietUntil(long from) {
        long k = from / BLOCK_SAMPLES; // the block holding 'from' must be quiet too: part of it may not be analysed yet
        long end = from;
        while (k < blocks && held(k) && quiet(k)) {
            end = (k + 1) * BLOCK_SAMPLES;
            k++;
        }
        return end;
    }

    /** Whether every block up to the one holding the sample just before {@code position} is complete. */
    boolean completeUpTo(long position) {
        return blocks * BLOCK_SAMPLES >= position;
    }

    private boolean held(long k) {
        return k >= 0 && k < blocks && k >= blocks - levels.length;
    }

    private boolean quiet(long k) {
        return level(k) <= peakDbfs - QUIET_BELOW_PEAK_DB;
    }

    private double level(long k) {
        return levels[(int) (k % levels.length)];
    }
}
