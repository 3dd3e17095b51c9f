package io.realtimestore.console.realtime;

/** What arrives on the Realtime WebSocket. Called on the WebSocket's own thread, one call at a time. */
public interface RealtimeListener {

    /** A whole server event (JSON text). */
    void onEvent(String json);

    /** The service closed the WebSocket (or the console's own close was answered). */
    void onClosed(int code, String reason);

    /** The connection broke without a close handshake. */
    void onFailure(Throwable error);
}
