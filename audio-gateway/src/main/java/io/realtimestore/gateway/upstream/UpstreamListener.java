package io.realtimestore.gateway.upstream;

import io.netty.buffer.ByteBuf;

/** Receives what an upstream session sends. */
public interface UpstreamListener {

    void onText(String event);

    /**
     * Offered each event as UTF-8 before it is decoded, by upstreams that receive bytes: the listener may take it
     * (audio deltas, relayed without decoding) and then owns the buffer. Events it declines arrive at
     * {@link #onText}.
     */
    default boolean take(ByteBuf utf8Event) {
        return false;
    }

    /** The upstream closed (or the connection broke); called once. */
    void onClosed(int code, String reason);
}
