package io.realtimestore.console.audio;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Plays a recording into the conversation in real time: 20 ms blocks paced by the clock, as a microphone would
 * deliver them (a service's voice activity detection and barge-in only behave as with a person at that pace), then
 * silence until closed.
 */
public final class WavFileInput implements AudioInput {

    static final int BLOCK_BYTES = 20 * Pcm16.BYTES_PER_MS;

    private final byte[] pcm;
    private final RealTimePacer pacer;
    private volatile boolean running = true;
    private Thread thread;

    /** @param pcm the recording as 24 kHz mono PCM16 little-endian */
    public WavFileInput(byte[] pcm) {
        this(pcm, new RealTimePacer(Pcm16.RATE));
    }

    WavFileInput(byte[] pcm, RealTimePacer pacer) {
        this.pcm = pcm;
        this.pacer = pacer;
    }

    @Override
    public void start(Consumer<byte[]> blocks, Runnable ended) {
        thread = new Thread(() -> stream(blocks, ended), "voice-console-wav-input");
        thread.setDaemon(true);
        thread.start();
    }

    private void stream(Consumer<byte[]> blocks, Runnable ended) {
        int offset = 0;
        byte[] silence = new byte[BLOCK_BYTES];
        boolean told = false;
        while (running) {
            byte[] block;
            if (offset < pcm.length) {
                block = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + BLOCK_BYTES));
                offset += block.length;
            } else {
                block = silence;
            }
            pacer.await(block.length / Pcm16.BYTES_PER_SAMPLE);
            if (!running) {
                return;
            }
            blocks.accept(block);
            if (offset >= pcm.length && !told) {
                told = true;
                ended.run();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
