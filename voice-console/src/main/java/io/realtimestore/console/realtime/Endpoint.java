package io.realtimestore.console.realtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where to open the Realtime WebSocket and with what: the URL, the handshake headers (credentials) and the
 * subprotocols to offer.
 *
 * @param kind the gateway, or straight to a provider
 * @param uri the ws:// or wss:// URL
 * @param headers handshake headers; they hold secrets, so {@link #toString()} leaves them out
 * @param subprotocols offered subprotocols, most wanted first
 */
public record Endpoint(Kind kind, URI uri, Map<String, String> headers, List<String> subprotocols) {

    public enum Kind {
        /** The store's audio-gateway: it owns instructions and tools. */
        GATEWAY,
        /** Azure OpenAI's GA Realtime endpoint: the console sets up the session itself. */
        AZURE,
        /** OpenAI's Realtime endpoint: the console sets up the session itself. */
        OPENAI
    }

    /** Straight to a provider: no server-side instructions or tools, so the console sends its own session.update. */
    public boolean direct() {
        return kind != Kind.GATEWAY;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
