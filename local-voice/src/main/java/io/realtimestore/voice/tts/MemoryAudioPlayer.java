package io.realtimestore.voice.tts;

import com.sun.speech.freetts.audio.AudioPlayer;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;

/**
 * A FreeTTS audio "player" that keeps the samples in memory instead of opening a sound device (servers have none, and
 * FreeTTS's default player fails without one). Used for one {@code speak} call at a time.
 */
final class MemoryAudioPlayer implements AudioPlayer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format;
    private float volume = 1.0f;
    private long timerStart = System.currentTimeMillis();

    @Override
    public void setAudioFormat(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    /** FreeTTS resets the player when a new text starts; what an earlier text left behind is not part of it. */
    @Override
    public void reset() {
        bytes.reset();
    }

    @Override
    public void cancel() {
        bytes.reset();
    }

    @Override
    public void begin(int size) {
        // sizes are only a hint for sound-line buffers; the byte stream grows as needed
    }

    @Override
    public boolean write(byte[] audio) {
        return write(audio, 0, audio.length);
    }

    @Override
    public boolean write(byte[] audio, int offset, int length) {
        bytes.write(audio, offset, length);
        return true;
    }

    @Override
    public boolean end() {
        return true;
    }

    /** Nothing is playing, so everything written is already "drained". */
    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void pause() {
        // nothing is playing, so there is nothing to pause
    }

    @Override
    public void resume() {
        // nothing is playing, so there is nothing to resume
    }

    @Override
    public void close() {
        // holds no device or file
    }

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float volume) {
        this.volume = volume;
    }

    @Override
    public long getTime() {
        return System.currentTimeMillis() - timerStart;
    }

    @Override
    public void resetTime() {
        timerStart = System.currentTimeMillis();
    }

    @Override
    public void startFirstSampleTimer() {
        resetTime();
    }

    @Override
    public void showMetrics() {
        // FreeTTS's own metrics printout; synthesis timing is measured by the callers
    }

    /** The captured audio as mono PCM16, whatever byte order FreeTTS chose. */
    Speech speech() {
        if (format == null) {
            throw new IllegalStateException("FreeTTS produced no audio format");
        }
        if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new IllegalStateException("FreeTTS produced " + format + ", expected mono 16-bit signed PCM");
        }
        byte[] pcm = bytes.toByteArray();
        short[] samples = new short[pcm.length / 2];
        boolean bigEndian = format.isBigEndian();
        for (int i = 0; i < samples.length; i++) {
            int high = pcm[2 * i + (bigEndian ? 0 : 1)];
            int low = pcm[2 * i + (bigEndian ? 1 : 0)] & 0xff;
            samples[i] = (short) (high << 8 | low);
        }
        return new Speech(samples, Math.round(format.getSampleRate()));
    }
}
