package io.realtimestore.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real WebSocket client of the gateway (Vert.x core, as any non-Quarkus client would be). Every event it
 * receives is checked against the GA schema, except the store extensions.
 */
public final class RealtimeClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();

    private final ClientWebSocket socket;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> schemaProblems = new CopyOnWriteArrayList<>();
    private final List<String> connectionFailures = new CopyOnWriteArrayList<>();
    private volatile Short closeCode;
    private volatile String closeReason;

    /** Handlers go on before the handshake: the gateway may send its first event before a connect callback runs. */
    private RealtimeClient(ClientWebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                JsonNode event = JSON.readTree(text);
                events.add(event);
                if (!event.path("type").asText().startsWith("store.")) {
                    schemaProblems.addAll(GaSchema.problems(event));
                }
            } catch (Exception e) {
                schemaProblems.add("not JSON: " + text);
            }
        });
        socket.exceptionHandler(failure -> connectionFailures.add(failure.toString()));
        socket.closeHandler(v -> {
            closeCode = socket.closeStatusCode();
            closeReason = socket.closeReason();
        });
    }

    public static RealtimeClient connect(int port, String pathAndQuery, Map<String, String> headers, List<String> subprotocols) {
        return connect(port, pathAndQuery, headers, subprotocols, -1);
    }

    /**
     * @param receiveBufferBytes the socket's receive buffer, or -1 for the system's (which Linux may grow to tens of
     *        MiB, so a test of a client that stops reading sets a small one to reach the gateway's limit quickly)
     */
    public static RealtimeClient connect(int port, String pathAndQuery, Map<String, String> headers, List<String> subprotocols,
            int receiveBufferBytes) {
        try {
            ClientWebSocket socket = newSocket(receiveBufferBytes);
            RealtimeClient client = new RealtimeClient(socket);
            open(socket, port, pathAndQuery, headers, subprotocols);
            return client;
        } catch (Exception e) {
            throw new IllegalStateException("connection failed: " + e, e);
        }
    }

    public static RealtimeClient withKey(int port, String key) {
        return connect(port, "/v1/realtime?model=gpt-realtime", Map.of("X-Api-Key", key), List.of());
    }

    /** The HTTP status of a refused upgrade (fails if the upgrade succeeds). */
    public static int rejectedStatus(int port, String pathAndQuery, Map<String, String> headers, List<String> subprotocols) {
        try {
            WebSocket socket = open(newSocket(-1), port, pathAndQuery, headers, subprotocols);
            socket.close();
            throw new AssertionError("the upgrade was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw new AssertionError("unexpected failure " + e.getCause(), e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ClientWebSocket newSocket(int receiveBufferBytes) {
        return VERTX.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 * 1024 * 1024)
                .setMaxFrameSize(16 * 1024 * 1024).setReceiveBufferSize(receiveBufferBytes)).webSocket();
    }

    private static WebSocket open(ClientWebSocket socket, int port, String pathAndQuery, Map<String, String> headers,
            List<String> subprotocols) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(pathAndQuery)
                .setAllowOriginHeader(headers.containsKey("Origin")); // server-side clients send none; browsers do
        headers.forEach(options::addHeader);
        subprotocols.forEach(options::addSubProtocol);
        return VertxWebSockets.connect(VERTX, socket, options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Stops reading from the socket (a client that cannot keep up); {@link #resumeReading()} undoes it. */
    public void pauseReading() {
        socket.pause();
    }

    public void resumeReading() {
        socket.resume();
    }

    public String subprotocol() {
        return socket.subProtocol();
    }

    public RealtimeClient send(String json) {
        socket.writeTextMessage(json).toCompletionStage().toCompletableFuture().join();
        return this;
    }

    public RealtimeClient sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
        return this;
    }

    /** A user text message naming the fake upstream's scenario, then response.create. */
    public RealtimeClient say(String text) {
        send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"" + text + "\"}]}}");
        return send("{\"type\":\"response.create\"}");
    }

    /**
     * Streams 24 kHz PCM16 as input_audio_buffer.append events of 20 ms, in real time (each sent when a microphone
     * would have captured it). Returns System.nanoTime() when the last chunk was sent.
     */
    public long streamAudio(byte[] pcm) {
        long start = System.nanoTime();
        int chunk = 960; // 20 ms at 24 kHz, 2 bytes a sample
        for (int offset = 0, index = 0; offset < pcm.length; offset += chunk, index++) {
            long due = start + index * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            byte[] part = java.util.Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunk));
            send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + java.util.Base64.getEncoder().encodeToString(part) + "\"}");
        }
        return System.nanoTime();
    }

    public JsonNode await(String type) {
        return await(event -> type.equals(event.path("type").asText()), type);
    }

    public JsonNode await(Predicate<JsonNode> match, String description) {
        List<JsonNode> found = new ArrayList<>();
        try {
            Awaitility.await(description).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> events.stream().filter(match).findFirst().map(found::add).isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError(description + " did not arrive within 15 s; " + state(), timeout);
        }
        return found.get(0);
    }

    /** The n-th (1-based) event of a type. */
    public JsonNode awaitNth(String type, int n) {
        try {
            Awaitility.await(type + " #" + n).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ofType(type).size() >= n);
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError(type + " #" + n + " did not arrive within 15 s; " + state(), timeout);
        }
        return ofType(type).get(n - 1);
    }

    public JsonNode awaitError(String code) {
        return await(event -> event.path("type").asText().equals("error") && event.path("error").path("code").asText().equals(code),
                "error " + code);
    }

    /** What the client saw, for failure messages: the events, the close (if any) and unreadable messages. */
    private String state() {
        return "received: " + received() + (closeCode == null ? "; still open" : "; closed with " + closeCode + " '" + closeReason + "'")
                + (schemaProblems.isEmpty() ? "" : "; schema problems: " + schemaProblems)
                + (connectionFailures.isEmpty() ? "" : "; connection failures: " + connectionFailures);
    }

    /** The types of the events received so far, repeats folded ("x ×12"), errors with their codes: for failure messages. */
    private String received() {
        List<String> types = events.stream().map(e -> e.path("type").asText()
                + (e.has("error") ? "(" + e.path("error").path("code").asText() + ")" : "")).toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < types.size(); ) {
            int run = 1;
            while (i + run < types.size() && types.get(i + run).equals(types.get(i))) {
                run++;
            }
            text.append(text.isEmpty() ? "" : ", ").append(types.get(i)).append(run > 1 ? " ×" + run : "");
            i += run;
        }
        return text.toString();
    }

    public List<JsonNode> events() {
        return events;
    }

    public List<JsonNode> ofType(String type) {
        return events.stream().filter(event -> type.equals(event.path("type").asText())).toList();
    }

    public int awaitClose() {
        Awaitility.await("close").atMost(Duration.ofSeconds(15)).until(() -> closeCode != null);
        return closeCode;
    }

    public Short closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isOpen() {
        return closeCode == null && !socket.isClosed();
    }

    public void assertSchemaValid() {
        assertThat(schemaProblems).as("events that do not validate against realtime-ga.schema.json").isEmpty();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
