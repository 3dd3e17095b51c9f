package io.realtimestore.gateway.calls;

/** A WebRTC step could not be done; {@code status} is the HTTP status to answer with, the message says why. */
public class CallRefusedException extends RuntimeException {

    private final int status;

    public CallRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
