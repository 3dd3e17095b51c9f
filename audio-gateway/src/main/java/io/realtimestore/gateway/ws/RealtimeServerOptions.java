package io.realtimestore.gateway.ws;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.realtimestore.dto.realtime.StoreEvents;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The WebSocket side of the HTTP server for {@link RealtimeEndpoint}: the subprotocols it answers to, and the
 * transport's hard size limit. The gateway's own limit ({@code gateway.limits.max-message-bytes}) is lower and answers
 * with an error event; a frame beyond this one is closed by the transport (1009) before it is buffered.
 */
@ApplicationScoped
public class RealtimeServerOptions implements HttpServerOptionsCustomizer {

    /** The store extensions' subprotocol, and the one the OpenAI SDKs offer. */
    static final List<String> SUBPROTOCOLS = List.of(StoreEvents.SUBPROTOCOL, "realtime");
    static final int TRANSPORT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        customize(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customize(options);
    }

    private static void customize(HttpServerOptions options) {
        for (String subprotocol : SUBPROTOCOLS) {
            List<String> present = options.getWebSocketSubProtocols();
            if (present == null || !present.contains(subprotocol)) {
                options.addWebSocketSubProtocol(subprotocol);
            }
        }
        options.setMaxWebSocketMessageSize(TRANSPORT_MAX_MESSAGE_BYTES).setMaxWebSocketFrameSize(TRANSPORT_MAX_MESSAGE_BYTES);
    }
}
