package io.realtimestore.console.audio;

import java.io.ByteArrayOutputStream;

/**
 * A sound device whose clock the test moves: it buffers up to {@code bufferFrames} frames, a write waits for room
 * as a real device's does, and frames count as heard only when the test {@link #advance advances} time (playing
 * what is queued by then).
 */
final class SimulatedDevice implements PcmSink {

    private final int bufferFrames;
    private final ByteArrayOutputStream heardAudio = new ByteArrayOutputStream();
    private final ByteArrayOutputStream queued = new ByteArrayOutputStream();
    private long written;
    private long heard;
    private int discards;
    private boolean closed;

    SimulatedDevice(int bufferFrames) {
        this.bufferFrames = bufferFrames;
    }

    @Override
    public synchronized void write(byte[] pcm, int offset, int length) {
        while (!closed && written - heard + length / 2 > bufferFrames) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        queued.write(pcm, offset, length);
        written += length / 2;
    }

    /** Plays {@code frames} frames (silence when nothing is queued, as a device underruns). */
    synchronized void advance(int frames) {
        byte[] pending = queued.toByteArray();
        int bytes = Math.min(pending.length, frames * 2);
        heardAudio.write(pending, 0, bytes);
        queued.reset();
        queued.write(pending, bytes, pending.length - bytes);
        heard += bytes / 2;
        notifyAll();
    }

    synchronized long framesWritten() {
        return written;
    }

    synchronized byte[] heardAudio() {
        return heardAudio.toByteArray();
    }

    synchronized int discards() {
        return discards;
    }

    @Override
    public synchronized long framesHeard() {
        return heard;
    }

    @Override
    public synchronized void discardQueued() {
        discards++;
        queued.reset();
        written = heard;
        notifyAll();
    }

    @Override
    public boolean needsContinuousFeed() {
        return false; // the test moves the clock; feeding silence would only make it move it further
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
