package io.realtimestore.gateway.protocol;

/**
 * A client event the gateway refuses. It becomes an {@code error} event naming the problem; the session lives on
 * unless {@link #abusive()} (then the connection is closed with {@link #closeCode()}).
 */
public final class ProtocolException extends Exception {

    private final String code;
    private final String param;
    private final String clientEventId;
    private final int closeCode;

    public ProtocolException(String code, String message, String param, String clientEventId) {
        this(code, message, param, clientEventId, 0);
    }

    public ProtocolException(String code, String message, String param, String clientEventId, int closeCode) {
        super(message, null, false, false);
        this.code = code;
        this.param = param;
        this.clientEventId = clientEventId;
        this.closeCode = closeCode;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public String clientEventId() {
        return clientEventId;
    }

    public boolean abusive() {
        return closeCode != 0;
    }

    public int closeCode() {
        return closeCode;
    }

    public ProtocolException withClientEventId(String eventId) {
        return new ProtocolException(code, getMessage(), param, eventId, closeCode);
    }
}
