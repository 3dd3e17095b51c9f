package io.realtimestore.store.browser;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A voice service for the gateway's {@code REALTIME_UPSTREAM=url} that can be switched from refusing to accepting: at
 * first it refuses every Realtime upgrade with HTTP 429, as a provider over its quota does; after {@link #accept()} it
 * behaves as a minimal GA Realtime service — {@code session.created} on connect, {@code session.updated} for every
 * {@code session.update} — and records the user messages it is given (the panel's context after a fallback).
 */
final class SwitchableUpstream implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger eventIds = new AtomicInteger();
    /** The text of every user message item the gateway passed on, in order. */
    final List<String> userTexts = new CopyOnWriteArrayList<>();
    private volatile boolean accepting;

    SwitchableUpstream() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    // Upgrades are taken here, not by a webSocketHandler (see FakeRealtimeProvider).
                    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                        request.response().setStatusCode(404).end();
                    } else if (accepting) {
                        request.toWebSocket().onSuccess(this::serve);
                    } else {
                        refuse(request);
                    }
                })
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The GA Realtime URL the gateway is given ({@code REALTIME_UPSTREAM_URL}). */
    String realtimeUrl() {
        return "ws://localhost:" + server.actualPort() + "/v1/realtime";
    }

    /** From now on, upgrades are accepted and served. */
    void accept() {
        accepting = true;
    }

    int refused() {
        return refused.get();
    }

    int accepted() {
        return accepted.get();
    }

    private void refuse(HttpServerRequest request) {
        refused.incrementAndGet();
        request.response().setStatusCode(429).putHeader("Content-Type", "application/json").putHeader("Retry-After", "5")
                .end(new JsonObject().put("error", new JsonObject().put("type", "rate_limit_exceeded")
                        .put("code", "rate_limit_exceeded").put("message", "Too many sessions for this deployment.")).encode());
    }

    private void serve(ServerWebSocket socket) {
        accepted.incrementAndGet();
        JsonObject session = initialSession();
        socket.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            switch (event.getString("type", "")) {
                case "session.update" -> {
                    session.mergeIn(event.getJsonObject("session", new JsonObject()), true);
                    send(socket, "session.updated", new JsonObject().put("session", session.copy()));
                }
                case "conversation.item.create" -> recordUserText(event.getJsonObject("item", new JsonObject()));
                default -> {
                    // audio appends and everything else: a quiet service that never answers is enough here
                }
            }
        });
        send(socket, "session.created", new JsonObject().put("session", session.copy()));
    }

    private void recordUserText(JsonObject item) {
        if (!"user".equals(item.getString("role"))) {
            return;
        }
        JsonArray content = item.getJsonArray("content", new JsonArray());
        for (int i = 0; i < content.size(); i++) {
            JsonObject part = content.getJsonObject(i);
            if ("input_text".equals(part.getString("type"))) {
                userTexts.add(part.getString("text", ""));
            }
        }
    }

    private void send(ServerWebSocket socket, String type, JsonObject fields) {
        socket.writeTextMessage(new JsonObject().put("type", type).put("event_id", "event_" + eventIds.incrementAndGet())
                .mergeIn(fields).encode());
    }

    /** A session as a GA service describes it in session.created. */
    private static JsonObject initialSession() {
        JsonObject format = new JsonObject().put("type", "audio/pcm").put("rate", 24_000);
        JsonObject turnDetection = new JsonObject().put("type", "server_vad").put("threshold", 0.5)
                .put("prefix_padding_ms", 300).put("silence_duration_ms", 500).put("create_response", true)
                .put("interrupt_response", true);
        return new JsonObject()
                .put("type", "realtime")
                .put("object", "realtime.session")
                .put("id", "sess_switchable_1")
                .put("model", "gpt-realtime")
                .put("output_modalities", new JsonArray().add("audio"))
                .put("instructions", "")
                .put("tools", new JsonArray())
                .put("tool_choice", "auto")
                .put("max_output_tokens", "inf")
                .put("tracing", null)
                .put("truncation", "auto")
                .put("prompt", null)
                .put("expires_at", System.currentTimeMillis() / 1000 + 3600)
                .put("audio", new JsonObject()
                        .put("input", new JsonObject().put("format", format).put("transcription", null)
                                .put("noise_reduction", null).put("turn_detection", turnDetection))
                        .put("output", new JsonObject().put("format", format.copy()).put("voice", "marin").put("speed", 1.0)));
    }

    @Override
    public void close() {
        vertx.close();
    }
}
