package io.realtimestore.gateway.session;

/** A sideband is not attached: the call already has one, or the gateway is at its session cap. */
public class SidebandRefusedException extends RuntimeException {

    public SidebandRefusedException(String message) {
        super(message);
    }
}
