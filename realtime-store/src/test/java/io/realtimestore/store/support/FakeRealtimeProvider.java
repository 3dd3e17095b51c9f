package io.realtimestore.store.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The provider's WebRTC side as the gateway meets it (Azure and OpenAI cannot be reached from here): GA
 * {@code /v1/realtime/client_secrets} (an ephemeral secret), {@code /v1/realtime/calls} (201, an SDP answer, the call
 * in {@code Location}) and the call's sideband WebSocket ({@code /v1/realtime?call_id=}). It records what it got.
 */
public final class FakeRealtimeProvider implements AutoCloseable {

    public static final String SECRET = "ek_fake_store_test";

    public final List<String> offers = new CopyOnWriteArrayList<>();
    public final List<String> callAuthorizations = new CopyOnWriteArrayList<>();
    public final List<String> sidebandQueries = new CopyOnWriteArrayList<>();
    /** Every plain HTTP request that reached the fake (method and path), for failure messages. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    public FakeRealtimeProvider() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    // Upgrades are taken here rather than by a webSocketHandler: once a Quarkus app without WebSocket
                    // endpoints (the store under test) has started in this JVM, Vert.x is told to disable WebSocket
                    // dispatch (vertx.disableWebsockets) and upgrades reach the request handler.
                    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                        request.toWebSocket().onSuccess(socket -> {
                            sidebandQueries.add(String.valueOf(socket.query()));
                            socket.textMessageHandler(text -> { });
                        });
                        return;
                    }
                    request.body().onSuccess(body -> answer(request, body.toString()));
                })
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void answer(io.vertx.core.http.HttpServerRequest request, String body) {
        requests.add(request.method() + " " + request.path());
        switch (request.path()) {
            case "/v1/realtime/client_secrets" -> request.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject(Map.of("value", SECRET, "expires_at", System.currentTimeMillis() / 1000 + 60,
                            "session", new JsonObject(Map.of("type", "realtime")))).encode());
            case "/v1/realtime/calls" -> {
                offers.add(body);
                callAuthorizations.add(String.valueOf(request.getHeader("Authorization")));
                request.response().setStatusCode(201).putHeader("Content-Type", "application/sdp")
                        .putHeader("Location", "/v1/realtime/calls/rtc_store_test_1")
                        .end("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    /** The GA Realtime URL the gateway is given ({@code REALTIME_UPSTREAM_URL}). */
    public String realtimeUrl() {
        return "ws://localhost:" + server.actualPort() + "/v1/realtime";
    }

    @Override
    public void close() {
        vertx.close();
    }
}
