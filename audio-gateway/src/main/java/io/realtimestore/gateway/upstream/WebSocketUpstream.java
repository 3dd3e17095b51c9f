package io.realtimestore.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.realtimestore.gateway.ws.TextFrameTap;
import io.realtimestore.gateway.ws.TextSocket;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Opens upstream sessions over WebSocket. The providers differ only in the {@link UpstreamTarget} (URL and
 * credentials), resolved for every session so Entra ID tokens stay fresh.
 * <p>
 * The upstream socket is opened on the <em>client session's event loop</em>, so both sockets of a session live on one
 * thread and every relayed frame stays on it. websockets-next's {@code BasicWebSocketConnector} deliberately gives
 * each client connection a new event-loop context; measured with benchmarks/gateway, the resulting thread hop per
 * frame (and Netty buffers freed on a thread other than the one that allocated them) cost more CPU than the whole
 * relay otherwise does, so this uses the Vert.x WebSocket client that websockets-next itself is built on.
 */
final class WebSocketUpstream {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final Duration connectTimeout;

    WebSocketUpstream(Vertx vertx, Duration connectTimeout, int maxMessageBytes) {
        this.vertx = vertx;
        this.connectTimeout = connectTimeout;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setMaxMessageSize(maxMessageBytes).setMaxFrameSize(maxMessageBytes)
                // Vert.x queues WebSockets beyond 50 per host by default; the gateway's own session cap is the limit
                .setMaxConnections(Integer.MAX_VALUE)
                .setVerifyHost(true));
    }

    Uni<UpstreamConnection> connect(Supplier<Uni<UpstreamTarget>> target, UpstreamListener listener) {
        Context sessionLoop = Vertx.currentContext();
        return target.get().chain(resolved -> open(sessionLoop, resolved, listener))
                .ifNoItem().after(connectTimeout)
                .failWith(() -> new UpstreamUnavailableException("the upstream did not accept the connection within "
                        + connectTimeout.toSeconds() + " s"));
    }

    private Uni<UpstreamConnection> open(Context sessionLoop, UpstreamTarget target, UpstreamListener listener) {
        URI uri = target.uri();
        boolean tls = "wss".equals(uri.getScheme());
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                // a server-side client: no Origin header (providers may treat one as a browser)
                .setAllowOriginHeader(false);
        target.headers().forEach(options::addHeader);
        return Uni.createFrom().<UpstreamConnection>emitter(emitter -> {
            Runnable connect = () -> {
                // Handlers are in place before the handshake: the upstream's first event (session.created) can
                // arrive before a connect callback would run, and a socket without a handler drops it.
                ClientWebSocket socket = client.webSocket();
                AtomicBoolean closedReported = new AtomicBoolean();
                // upstreams send no binary frames; audio deltas may skip decoding (TextFrameTap)
                TextFrameTap tap = new TextFrameTap(listener::take, listener::onText, ignored -> { }).handlersOn(socket);
                socket.closeHandler(ignored -> {
                    if (closedReported.compareAndSet(false, true)) {
                        Short code = socket.closeStatusCode();
                        listener.onClosed(code == null ? 1006 : code, socket.closeReason());
                    }
                });
                socket.exceptionHandler(failure -> socket.close());
                socket.connect(options).onComplete(result -> {
                    if (result.failed()) {
                        emitter.fail(new UpstreamUnavailableException(code(result.cause()), describe(result.cause())));
                    } else {
                        WebSocket connected = result.result();
                        HttpConnection connection = TextSocket.connectionOf(connected);
                        tap.insertInto(connection);
                        emitter.complete(new Connection(connected, new TextSocket(connected, connection)));
                    }
                });
            };
            // Always from a Vert.x context: Vert.x 4.5's ClientWebSocket resumes the socket before it applies the
            // handlers set above, and when connect is called from another thread it applies them one task later, so
            // a session.created that came in the same read as the 101 would reach no handler and be lost.
            Context loop = sessionLoop != null ? sessionLoop : vertx.getOrCreateContext();
            if (Vertx.currentContext() == loop) {
                connect.run();
            } else {
                loop.runOnContext(ignored -> connect.run()); // e.g. after an Entra token arrived elsewhere
            }
        });
    }

    private static String code(Throwable failure) {
        return failure instanceof UpgradeRejectedException rejected
                ? UpstreamUnavailableException.codeForStatus(rejected.getStatus())
                : UpstreamUnavailableException.UNAVAILABLE;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        // Handshake failures name the status code; they never contain our credentials (those are headers).
        return "the upstream refused or failed the connection: " + (message.length() > 200 ? message.substring(0, 200) : message);
    }

    private record Connection(WebSocket socket, TextSocket text) implements UpstreamConnection {

        @Override
        public void send(String event, Runnable written) {
            text.write(event, written);
        }

        @Override
        public void send(ByteBuf utf8Event, Runnable written) {
            text.write(utf8Event, written);
        }

        @Override
        public Uni<Void> close(int code, String reason) {
            if (socket.isClosed()) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().completionStage(() -> socket.close((short) code, reason).toCompletionStage());
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }
    }
}
