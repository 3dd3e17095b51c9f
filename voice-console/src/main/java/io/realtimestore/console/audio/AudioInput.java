package io.realtimestore.console.audio;

import java.util.function.Consumer;

/** What the shopper says, as 24 kHz PCM16 blocks delivered in real time: the microphone, or a WAV file played out. */
public interface AudioInput extends AutoCloseable {

    /**
     * Starts delivering blocks to {@code blocks} (on a thread of the input's own) and calls {@code ended} once when the
     * input has nothing more to say (a file's end; never for a microphone). Silence keeps flowing after that, as it
     * would from a microphone, so the service's voice activity detection can close the turn.
     */
    void start(Consumer<byte[]> blocks, Runnable ended);

    /** Bytes of the user's audio lost on the way (a full buffer); 0 for a file, which is read at its own pace. */
    default long droppedBytes() {
        return 0;
    }

    @Override
    void close();
}
