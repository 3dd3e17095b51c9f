package io.realtimestore.store.browser;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The voice service's WebRTC side for the browser tests (Azure and OpenAI cannot be reached from here), faithful where
 * the store and gateway meet it: GA {@code client_secrets}, {@code calls} (201, a real SDP answer, the call in
 * {@code Location}) and the call's sideband WebSocket. The answering peer is a page in a second headless Chromium
 * ({@code webrtc-peer.html}), so the shopper's browser makes a real WebRTC call; that page's server events are relayed
 * to the gateway's sideband and the gateway's client events back to it.
 */
final class FakeVoiceService implements AutoCloseable {

    static final String SECRET = "ek_fake_browser_test";
    static final String CALL_ID = "rtc_browser_test_1";

    final List<String> callAuthorizations = new CopyOnWriteArrayList<>();
    final List<String> sidebandQueries = new CopyOnWriteArrayList<>();
    /** What the gateway sent on the sideband (tool outputs, response.create…), in order. */
    final List<JsonObject> fromGateway = new CopyOnWriteArrayList<>();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Browser peer;
    private volatile ServerWebSocket sideband;
    private volatile ServerWebSocket peerLink;

    FakeVoiceService() throws Exception {
        String page = peerPage();
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    // Upgrades are taken here, not by a webSocketHandler (see FakeRealtimeProvider).
                    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                        request.toWebSocket().onSuccess(this::connected);
                        return;
                    }
                    request.body().onSuccess(body -> answer(request, body.toString(), page));
                })
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        peer = Browser.plain();
        peer.open("http://localhost:" + server.actualPort() + "/peer");
    }

    /** The peer page's relay link, or the gateway's sideband on the call. */
    private void connected(ServerWebSocket socket) {
        if (socket.path().equals("/peer-link")) {
            peerLink = socket;
            socket.textMessageHandler(event -> send(sideband, event));
        } else {
            sidebandQueries.add(String.valueOf(socket.query()));
            sideband = socket;
            socket.textMessageHandler(event -> {
                fromGateway.add(new JsonObject(event));
                send(peerLink, event);
            });
        }
    }

    private void answer(io.vertx.core.http.HttpServerRequest request, String body, String page) {
        switch (request.path()) {
            case "/peer" -> request.response().putHeader("Content-Type", "text/html").end(page);
            case "/v1/realtime/client_secrets" -> request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject(Map.of("value", SECRET, "expires_at", System.currentTimeMillis() / 1000 + 60,
                            "session", new JsonObject(Map.of("type", "realtime")))).encode());
            case "/v1/realtime/calls" -> {
                callAuthorizations.add(String.valueOf(request.getHeader("Authorization")));
                vertx.<String>executeBlocking(() -> answerOffer(body)).onComplete(answered -> {
                    if (answered.failed()) {
                        request.response().setStatusCode(500).end(String.valueOf(answered.cause()));
                    } else {
                        request.response().setStatusCode(201).putHeader("Content-Type", "application/sdp")
                                .putHeader("Location", "/v1/realtime/calls/" + CALL_ID).end(answered.result());
                    }
                });
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    /** {@code REALTIME_UPSTREAM_URL} for the gateway. */
    String realtimeUrl() {
        return "ws://localhost:" + server.actualPort() + "/v1/realtime";
    }

    /** The event types the peer page sent as the service, in order. */
    @SuppressWarnings("unchecked")
    List<String> peerLog() {
        return (List<String>) peer.driver.executeScript("return window.peerLog");
    }

    /** What the peer page sent, its trace of the call and its call's statistics: for a test that timed out. */
    String peerReport() {
        return "events " + peerLog() + "; trace " + peer.driver.executeScript("return window.peerTrace")
                + "; statistics " + peer.callStatistics("peerConnection");
    }

    private String answerOffer(String offer) {
        return (String) peer.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.answerOffer(arguments[0]).then(done, e => done('error: ' + e));",
                offer);
    }

    private static void send(ServerWebSocket socket, String text) {
        if (socket != null && !socket.isClosed()) {
            socket.writeTextMessage(text);
        }
    }

    private static String peerPage() throws IOException {
        try (InputStream in = FakeVoiceService.class.getResourceAsStream("/webrtc-peer.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        peer.close();
        vertx.close();
    }
}
