package io.realtimestore.gateway.upstream;

import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Opens upstream sessions over WebSocket with the websockets-next client. The providers differ only in the
 * {@link UpstreamTarget} (URL and credentials), which is resolved for every session so Entra ID tokens stay fresh.
 */
final class WebSocketUpstream {

    private final Instance<BasicWebSocketConnector> connectors;
    private final Duration connectTimeout;

    WebSocketUpstream(Instance<BasicWebSocketConnector> connectors, Duration connectTimeout) {
        this.connectors = connectors;
        this.connectTimeout = connectTimeout;
    }

    Uni<UpstreamConnection> connect(Supplier<Uni<UpstreamTarget>> target, UpstreamListener listener) {
        return target.get().chain(resolved -> open(resolved, listener))
                .ifNoItem().after(connectTimeout)
                .failWith(() -> new UpstreamUnavailableException("the upstream did not accept the connection within "
                        + connectTimeout.toSeconds() + " s"));
    }

    private Uni<UpstreamConnection> open(UpstreamTarget target, UpstreamListener listener) {
        AtomicBoolean closedReported = new AtomicBoolean();
        URI uri = target.uri();
        BasicWebSocketConnector connector = connectors.get()
                // the connector appends the base URI's query to the request; the path is given separately so no
                // trailing slash is added (Azure routes /openai/v1/realtime exactly)
                .baseUri(baseOf(uri))
                .path(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                // a server-side client: no Origin header (providers may treat one as a browser)
                .customizeOptions((connect, client) -> connect.setAllowOriginHeader(false))
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, text) -> listener.onText(text))
                .onClose((connection, reason) -> {
                    if (closedReported.compareAndSet(false, true)) {
                        listener.onClosed(reason.getCode(), reason.getMessage());
                    }
                });
        target.headers().forEach(connector::addHeader);
        return connector.connect()
                .onFailure().transform(failure -> new UpstreamUnavailableException(describe(failure)))
                .map(Connection::new);
    }

    /** Scheme, host, port and query; the connector decides TLS from http/https, so ws/wss are mapped onto them. */
    static URI baseOf(URI uri) {
        String scheme = switch (uri.getScheme()) {
            case "ws" -> "http";
            case "wss" -> "https";
            default -> uri.getScheme();
        };
        return URI.create(scheme + "://" + uri.getRawAuthority() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        // Handshake failures name the status code; they never contain our credentials (those are headers).
        return "the upstream refused or failed the connection: " + (message.length() > 200 ? message.substring(0, 200) : message);
    }

    private record Connection(WebSocketClientConnection connection) implements UpstreamConnection {

        @Override
        public Uni<Void> send(String event) {
            return connection.sendText(event);
        }

        @Override
        public Uni<Void> close(int code, String reason) {
            return connection.isOpen() ? connection.close(new CloseReason(code, reason)) : Uni.createFrom().voidItem();
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }
    }
}
