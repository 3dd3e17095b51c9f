package io.realtimestore.console.audio;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded byte ring for exactly one writer thread and one reader thread, without locks: neither side ever waits for
 * the other. A writer that finds it full keeps what fits and drops the rest (and counts it), because an audio thread
 * that blocked would glitch or, worse, stall the device; the buffers are sized so this only happens when something
 * is badly wrong (a network that stopped taking audio, an answer far longer than any real one).
 *
 * <p>Positions are running byte counts since the start (longs never wrap in practice), so the reader can also skip
 * to a position the writer had reached, which is how playback is flushed on barge-in.
 */
public final class RingBuffer {

    private final byte[] data;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public RingBuffer(int capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.data = new byte[capacityBytes];
    }

    public int capacity() {
        return data.length;
    }

    /** Writer side: copies what fits and returns how many bytes that was; never waits. */
    public int write(byte[] source, int offset, int length) {
        long w = written.get();
        int free = (int) (data.length - (w - read.get()));
        int count = Math.min(length, free);
        int at = (int) (w % data.length);
        int first = Math.min(count, data.length - at);
        System.arraycopy(source, offset, data, at, first);
        System.arraycopy(source, offset + first, data, 0, count - first);
        written.set(w + count); // publishes the bytes to the reader
        if (count < length) {
            dropped.addAndGet(length - count);
        }
        return count;
    }

    /** Reader side: copies up to {@code length} available bytes and returns how many; never waits. */
    public int read(byte[] target, int offset, int length) {
        long r = read.get();
        int count = (int) Math.min(length, written.get() - r);
        int at = (int) (r % data.length);
        int first = Math.min(count, data.length - at);
        System.arraycopy(data, at, target, offset, first);
        System.arraycopy(data, 0, target, offset + first, count - first);
        read.set(r + count); // frees the space for the writer
        return count;
    }

    /** Reader side: forgets everything written before {@code position} that has not been read yet. */
    public void skipTo(long position) {
        long target = Math.min(position, written.get());
        if (target > read.get()) {
            read.set(target);
        }
    }

    /** Bytes written so far (the writer's position). */
    public long written() {
        return written.get();
    }

    /** Bytes read or skipped so far (the reader's position). */
    public long readPosition() {
        return read.get();
    }

    public int available() {
        return (int) (written.get() - read.get());
    }

    /** Bytes the writer could not store because the ring was full. */
    public long dropped() {
        return dropped.get();
    }
}
