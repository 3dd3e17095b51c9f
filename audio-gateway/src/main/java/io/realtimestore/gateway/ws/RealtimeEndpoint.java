package io.realtimestore.gateway.ws;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.realtimestore.gateway.security.ClientIdentity;
import io.realtimestore.gateway.session.RealtimeSession;
import io.realtimestore.gateway.session.SessionServices;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * {@code GET /v1/realtime}: the GA Realtime protocol for any Realtime client. Credentials, origin and capacity were
 * checked before the upgrade ({@link io.realtimestore.gateway.security.RealtimeUpgradeCheck}); here each connection
 * gets its own {@link RealtimeSession}. Everything runs on the event loop.
 */
@WebSocket(path = "/v1/realtime", endpointId = RealtimeEndpoint.ID)
public class RealtimeEndpoint {

    public static final String ID = "realtime";
    private static final UserData.TypedKey<RealtimeSession> SESSION = new UserData.TypedKey<>("realtime-store.session");

    private final SessionServices services;

    RealtimeEndpoint(SessionServices services) {
        this.services = services;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        ClientIdentity identity = connection.userData().get(ClientIdentity.KEY);
        RealtimeSession session = new RealtimeSession("sess_gw_" + connection.id(), connection, identity, services);
        connection.userData().put(SESSION, session);
        session.open();
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String message) {
        connection.userData().get(SESSION).onClientText(message);
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer message) {
        connection.userData().get(SESSION).onClientBinary();
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        RealtimeSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.clientClosed();
        }
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof java.io.IOException || failure instanceof io.vertx.core.http.HttpClosedException) {
            // a client that vanished mid-frame: routine, not a gateway fault
            Log.debugf("Realtime connection %s failed: %s", connection.id(), failure.getClass().getSimpleName());
        } else {
            Log.errorf(failure, "Realtime connection %s: unexpected failure", connection.id());
        }
        RealtimeSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.end(1011, "connection error", "connection_error");
        }
    }
}
