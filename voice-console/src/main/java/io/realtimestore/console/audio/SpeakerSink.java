package io.realtimestore.console.audio;

import io.realtimestore.audio.Resampler;

import javax.sound.sampled.SourceDataLine;

/**
 * The speaker: a {@link SourceDataLine} at 24 kHz, or at the device's own rate with the audio resampled when the
 * device cannot play 24 kHz. The line's buffer is kept short (~100 ms) so barge-in is heard at once.
 */
public final class SpeakerSink implements PcmSink {

    private final SourceDataLine line;
    private final int lineRate;
    private final Resampler resampler;

    public SpeakerSink(SourceDataLine line) {
        this.line = line;
        this.lineRate = Math.round(line.getFormat().getSampleRate());
        this.resampler = lineRate == Pcm16.RATE ? null : new Resampler(Pcm16.RATE, lineRate);
        line.start();
    }

    @Override
    public void write(byte[] pcm, int offset, int length) {
        if (resampler == null) {
            line.write(pcm, offset, length);
        } else {
            byte[] converted = Pcm16.resample(resampler, pcm, offset, length);
            line.write(converted, 0, converted.length);
        }
    }

    @Override
    public long framesHeard() {
        return line.getLongFramePosition() * Pcm16.RATE / lineRate;
    }

    @Override
    public void discardQueued() {
        line.stop();
        line.flush();
        line.start();
    }

    @Override
    public boolean needsContinuousFeed() {
        return true;
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
