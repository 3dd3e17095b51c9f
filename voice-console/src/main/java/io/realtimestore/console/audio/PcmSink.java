package io.realtimestore.console.audio;

import java.io.IOException;

/** Where the assistant's 24 kHz PCM16 audio is heard: the speaker, or a WAV file written at the pace of playback. */
public interface PcmSink extends AutoCloseable {

    /** Writes audio; may block as a device does until it has room. Called by the playback thread only. */
    void write(byte[] pcm, int offset, int length) throws IOException;

    /** 24 kHz frames that have been heard so far (rendered by the device, or written to the file). */
    long framesHeard();

    /** Throws away what was written but not heard yet (barge-in). Called by the playback thread only. */
    void discardQueued();

    /**
     * A sound device is fed silence between answers so that its position keeps counting and the next answer starts
     * without an underrun; a file is not (it would fill with silence).
     */
    boolean needsContinuousFeed();

    @Override
    void close() throws IOException;
}
