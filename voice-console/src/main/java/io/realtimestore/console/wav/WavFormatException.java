package io.realtimestore.console.wav;

import java.io.IOException;

/** A file that is not a WAV file this client can read; the message says what is wrong in plain words. */
public class WavFormatException extends IOException {

    public WavFormatException(String message) {
        super(message);
    }
}
