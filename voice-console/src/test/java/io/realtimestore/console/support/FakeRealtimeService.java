package io.realtimestore.console.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A scripted GA Realtime service on a free port (Azure and OpenAI cannot be reached from the build machines): it
 * checks one credential header, answers the session set-up, echoes typed items, and answers response.create with a
 * text or spoken reply. Tests replace {@link #onResponse} to play other turns, and can push any server event.
 * Everything the console sends is recorded.
 */
public final class FakeRealtimeService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The upgrade request as the service saw it. */
    public record Handshake(String path, String query, Map<String, String> headers) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final String credentialHeader;
    private final String credentialValue;
    private final AtomicInteger ids = new AtomicInteger();
    public final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    public final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile ServerWebSocket socket;
    /** The close code the console sent, once it closed (null before). */
    public volatile Short closeCode;
    public volatile String closeReason;
    private volatile boolean textOnly;
    private volatile String lastUserText = "";
    /** What a response.create gets: by default, "You said: …" as text or as a transcript with 300 ms of tone. */
    public volatile BiConsumer<FakeRealtimeService, JsonNode> onResponse = FakeRealtimeService::answer;
    /** Called for each input_audio_buffer.append, with the total of audio bytes received so far. */
    public volatile BiConsumer<FakeRealtimeService, Long> onAudio = (service, bytes) -> { };
    private long audioBytes;

    private FakeRealtimeService(String credentialHeader, String credentialValue, List<String> subprotocols) {
        this.credentialHeader = credentialHeader;
        this.credentialValue = credentialValue;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setWebSocketSubProtocols(subprotocols.isEmpty() ? null : subprotocols).setMaxWebSocketMessageSize(16 << 20));
        server.webSocketHandler(this::accept);
    }

    /** A service that wants {@code header: value} in the handshake (401 otherwise). */
    public static FakeRealtimeService start(String header, String value, List<String> subprotocols) {
        FakeRealtimeService service = new FakeRealtimeService(header, value, subprotocols);
        try {
            service.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fake service did not start", e);
        }
        return service;
    }

    public int port() {
        return server.actualPort();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port();
    }

    private void accept(ServerWebSocket ws) {
        Map<String, String> headers = new HashMap<>();
        MultiMap all = ws.headers();
        all.names().forEach(name -> headers.put(name.toLowerCase(java.util.Locale.ROOT), all.get(name)));
        handshakes.add(new Handshake(ws.path(), ws.query(), headers));
        if (!credentialValue.equals(headers.get(credentialHeader.toLowerCase(java.util.Locale.ROOT)))) {
            ws.reject(401);
            return;
        }
        socket = ws;
        ws.closeHandler(closed -> {
            closeCode = ws.closeStatusCode();
            closeReason = ws.closeReason();
        });
        ws.textMessageHandler(text -> {
            try {
                onClientEvent((ObjectNode) JSON.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        send(event("session.created").set("session", session()));
    }

    private void onClientEvent(ObjectNode event) {
        received.add(event);
        switch (event.path("type").asText()) {
            case "session.update" -> {
                textOnly = event.path("session").path("output_modalities").toString().contains("text");
                send(event("session.updated").set("session", session()));
            }
            case "conversation.item.create" -> {
                JsonNode item = event.path("item");
                lastUserText = item.path("content").path(0).path("text").asText();
                ObjectNode stored = item.deepCopy();
                stored.put("id", id("item_user")).put("object", "realtime.item").put("status", "completed");
                send(event("conversation.item.added").set("item", stored));
            }
            case "response.create" -> onResponse.accept(this, event);
            case "input_audio_buffer.append" -> {
                audioBytes += Base64.getDecoder().decode(event.path("audio").asText()).length;
                onAudio.accept(this, audioBytes);
            }
            case "conversation.item.truncate" -> send(event("conversation.item.truncated").put("item_id", event.path("item_id").asText())
                    .put("content_index", 0).put("audio_end_ms", event.path("audio_end_ms").asLong()));
            default -> {
            }
        }
    }

    /** The default answer: what the user typed, said back. */
    public static void answer(FakeRealtimeService service, JsonNode request) {
        Answer answer = service.beginAnswer();
        answer.say("You said: " + service.lastUserText, service.textOnly ? null : Signals.tonePcm(440, 300));
        answer.done("completed");
    }

    /** Starts a response with one assistant message; {@link Answer#say} and {@link Answer#done} play the rest. */
    public Answer beginAnswer() {
        Answer answer = new Answer(id("resp"), id("item_assistant"));
        send(event("response.created").set("response", answer.response("in_progress")));
        ObjectNode item = answer.item("in_progress");
        send(event("response.output_item.added").put("response_id", answer.responseId).put("output_index", 0).set("item", item));
        send(event("conversation.item.added").set("item", item));
        return answer;
    }

    /** One assistant answer in progress. */
    public final class Answer {
        public final String responseId;
        public final String itemId;
        private final StringBuilder text = new StringBuilder();

        Answer(String responseId, String itemId) {
            this.responseId = responseId;
            this.itemId = itemId;
        }

        /** Sends text (as the audio transcript when {@code audio} is given, else as output text) and audio in 100 ms deltas. */
        public Answer say(String words, byte[] audio) {
            text.append(words);
            String textEvent = audio == null ? "response.output_text.delta" : "response.output_audio_transcript.delta";
            send(content(textEvent).put("delta", words));
            if (audio != null) {
                for (int offset = 0; offset < audio.length; offset += 4800) {
                    byte[] delta = java.util.Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 4800));
                    send(content("response.output_audio.delta").put("delta", Base64.getEncoder().encodeToString(delta)));
                }
            }
            return this;
        }

        public void done(String status) {
            send(event("response.done").set("response", response(status).set("output", JSON.createArrayNode().add(item(
                    status.equals("completed") ? "completed" : "incomplete")))));
        }

        private ObjectNode content(String type) {
            return event(type).put("response_id", responseId).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
        }

        private ObjectNode response(String status) {
            return JSON.createObjectNode().put("id", responseId).put("object", "realtime.response").put("status", status);
        }

        private ObjectNode item(String status) {
            ObjectNode item = JSON.createObjectNode().put("id", itemId).put("type", "message").put("object", "realtime.item")
                    .put("status", status).put("role", "assistant");
            item.putArray("content").addObject().put("type", textOnly ? "output_text" : "output_audio")
                    .put(textOnly ? "text" : "transcript", text.toString());
            return item;
        }
    }

    public ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("event_id", id("event"));
    }

    public String id(String prefix) {
        return prefix + "_" + ids.incrementAndGet();
    }

    public void send(ObjectNode event) {
        ServerWebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(event.toString());
        }
    }

    /** Runs {@code action} on the service's event loop after {@code delay}. */
    public void later(Duration delay, Runnable action) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> action.run());
    }

    public void closeSocket(short code, String reason) {
        ServerWebSocket ws = socket;
        if (ws != null) {
            ws.close(code, reason);
        }
    }

    /** The first client event matching, waiting for it up to five seconds. */
    public JsonNode awaitReceived(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : received) {
                if (match.test(event)) {
                    return event;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the console never sent " + what + "; it sent " + received.stream().map(e -> e.path("type").asText()).toList());
    }

    public List<JsonNode> received(String type) {
        return received.stream().filter(event -> event.path("type").asText().equals(type)).toList();
    }

    private ObjectNode session() {
        ObjectNode session = JSON.createObjectNode().put("type", "realtime").put("object", "realtime.session")
                .put("id", "sess_fake").put("model", "fake-realtime");
        session.putArray("output_modalities").add(textOnly ? "text" : "audio");
        return session;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort in tests
        }
    }
}
