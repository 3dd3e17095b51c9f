package io.realtimestore.console.audio;

import io.realtimestore.console.wav.WavWriter;
import java.io.IOException;

/**
 * Records the assistant into a WAV file as if the file were the speaker: each block is written when it would have
 * finished playing, so "heard" means "written", barge-in cuts the file where a listener would have stopped hearing
 * it, and headless runs take as long as a real conversation.
 */
public final class PacedWavSink implements PcmSink {

    private final WavWriter writer;
    private final RealTimePacer pacer;
    private volatile long frames;

    public PacedWavSink(WavWriter writer, RealTimePacer pacer) {
        this.writer = writer;
        this.pacer = pacer;
    }

    @Override
    public void write(byte[] pcm, int offset, int length) throws IOException {
        pacer.await(length / Pcm16.BYTES_PER_SAMPLE);
        writer.write(pcm, offset, length);
        frames += length / Pcm16.BYTES_PER_SAMPLE;
    }

    @Override
    public long framesHeard() {
        return frames;
    }

    @Override
    public void discardQueued() {
        // nothing is queued: a block is written only once it has been "heard"
    }

    @Override
    public boolean needsContinuousFeed() {
        return false;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
