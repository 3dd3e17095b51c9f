package io.realtimestore.gateway.upstream;

/** Receives what an upstream session sends. */
public interface UpstreamListener {

    void onText(String event);

    /** The upstream closed (or the connection broke); called once. */
    void onClosed(int code, String reason);
}
