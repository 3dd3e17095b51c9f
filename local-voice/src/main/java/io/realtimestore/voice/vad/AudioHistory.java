package io.realtimestore.voice.vad;

/**
 * The most recent samples of a stream, addressed by their absolute position (samples since the stream started):
 * where {@link TurnDetector} finds the prefix padding that precedes a detected start of speech.
 */
final class AudioHistory {

    private short[] ring;
    private int size;
    /** Absolute position just after the newest sample. */
    private long end;

    AudioHistory(int capacity) {
        this.ring = new short[Math.max(1, capacity)];
    }

    long end() {
        return end;
    }

    void append(short[] samples) {
        for (short sample : samples) {
            ring[(int) (end % ring.length)] = sample;
            end++;
        }
        size = Math.min(ring.length, size + samples.length);
    }

    /** Every sample still held from absolute position {@code from} on (later if older ones are gone). */
    short[] from(long from) {
        int count = (int) Math.min(size, Math.max(0, end - from));
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = ring[(int) ((end - count + i) % ring.length)];
        }
        return out;
    }

    /** Forgets every sample; the next one appended has absolute position {@code position}. */
    void restartAt(long position) {
        end = position;
        size = 0;
    }

    /** Changes how much is kept, holding on to the newest samples. */
    void capacity(int requested) {
        int capacity = Math.max(1, requested);
        if (capacity == ring.length) {
            return;
        }
        short[] newest = from(end - Math.min(size, capacity));
        ring = new short[capacity];
        long position = end - newest.length;
        restartAt(position);
        append(newest);
    }
}
