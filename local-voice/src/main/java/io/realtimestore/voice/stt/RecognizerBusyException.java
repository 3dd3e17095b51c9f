package io.realtimestore.voice.stt;

import java.time.Duration;

/** Every decoder stayed busy for the whole wait: the caller may retry, or tell the user to try again in a moment. */
public final class RecognizerBusyException extends Exception {

    public RecognizerBusyException(int decoders, Duration waited) {
        super("All " + decoders + " speech decoders are busy (waited " + waited.toMillis() + " ms)");
    }
}
