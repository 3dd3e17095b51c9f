package io.realtimestore.gateway.upstream;

/** The upstream session could not be opened; the message is safe to show to a client (no credentials). */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message) {
        super(message, null, false, false);
    }
}
