package io.realtimestore.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/** How the tests open Vert.x client WebSockets whose handlers were set before the handshake. */
public final class VertxWebSockets {

    private VertxWebSockets() {
    }

    /**
     * Connects {@code socket} (made by {@code vertx}'s client) from one of {@code vertx}'s contexts rather than the
     * calling thread. Vert.x 4.5's {@code ClientWebSocket} resumes the socket before it applies the handlers set ahead
     * of the handshake; called from a thread outside Vert.x it can apply them one event-loop task later, and messages
     * that came in the same read as the server's 101 (the gateway's first events, sent the moment a session opens) are
     * then delivered to no handler and lost. A CI run lost a session's first events that way; a loop of 3,000
     * connections lost 3 to 6 from a test thread and none from a Vert.x context. The gateway's own upstream client
     * connects from the session's event loop for the same reason.
     */
    public static Future<WebSocket> connect(Vertx vertx, ClientWebSocket socket, WebSocketConnectOptions options) {
        Promise<WebSocket> connected = Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> socket.connect(options).onComplete(connected));
        return connected.future();
    }
}
