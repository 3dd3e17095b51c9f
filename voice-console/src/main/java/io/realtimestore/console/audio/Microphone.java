package io.realtimestore.console.audio;

import io.realtimestore.audio.Resampler;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sound.sampled.TargetDataLine;

/**
 * The microphone. Two threads: the capture thread only reads the device and copies into a bounded
 * {@link RingBuffer} (it never waits on anything but the device, so a slow network can never make it miss audio
 * from the hardware: at worst the ring drops the newest audio), and a sender thread that takes what has
 * accumulated every 20 ms, resamples it to 24 kHz if the device runs at another rate, and hands it on.
 */
public final class Microphone implements AudioInput {

    private static final int BLOCK_MS = 20;
    /** Ten seconds of device audio: enough to ride out a stalled connection without dropping anything. */
    private static final int RING_MS = 10_000;

    private final TargetDataLine line;
    private final int lineRate;
    private final RingBuffer ring;
    private volatile boolean running = true;
    private Thread capture;
    private Thread sender;

    public Microphone(TargetDataLine line) {
        this.line = line;
        this.lineRate = Math.round(line.getFormat().getSampleRate());
        int bytesPerMs = lineRate * Pcm16.BYTES_PER_SAMPLE / 1000;
        this.ring = new RingBuffer(RING_MS * bytesPerMs);
    }

    @Override
    public void start(Consumer<byte[]> blocks, Runnable ended) {
        line.start();
        capture = new Thread(this::captureLoop, "voice-console-microphone");
        capture.setDaemon(true);
        capture.setPriority(Thread.MAX_PRIORITY);
        sender = new Thread(() -> sendLoop(blocks), "voice-console-microphone-sender");
        sender.setDaemon(true);
        capture.start();
        sender.start();
    }

    private void captureLoop() {
        byte[] block = new byte[lineRate * Pcm16.BYTES_PER_SAMPLE * BLOCK_MS / 1000];
        while (running) {
            int count = line.read(block, 0, block.length);
            if (count > 0) {
                ring.write(block, 0, count - count % 2);
            }
        }
    }

    private void sendLoop(Consumer<byte[]> blocks) {
        Resampler resampler = lineRate == Pcm16.RATE ? null : new Resampler(lineRate, Pcm16.RATE);
        byte[] buffer = new byte[ring.capacity()];
        while (running) {
            LockSupport.parkNanos(BLOCK_MS * 1_000_000L);
            int count = ring.read(buffer, 0, buffer.length);
            if (count == 0) {
                continue;
            }
            byte[] pcm = Arrays.copyOf(buffer, count);
            if (resampler != null) {
                pcm = Pcm16.resample(resampler, pcm, 0, pcm.length);
            }
            if (pcm.length > 0) {
                blocks.accept(pcm);
            }
        }
    }

    @Override
    public long droppedBytes() {
        return ring.dropped();
    }

    @Override
    public void close() {
        running = false;
        line.stop();
        line.close();
    }
}
