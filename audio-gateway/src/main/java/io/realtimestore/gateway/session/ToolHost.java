package io.realtimestore.gateway.session;

/**
 * Where a {@link ToolTurn} runs: a client session relayed through the gateway, or a sideband attached to a WebRTC call
 * that the browser holds with the provider directly. Tool outputs go to the upstream; cards go to store clients.
 */
interface ToolHost {

    String id();

    boolean isClosed();

    void sendToUpstream(String text);

    /** A {@code store.*} event for clients that opted in; hosts without such a client drop it. */
    void sendStoreEvent(Object event);
}
