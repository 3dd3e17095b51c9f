package io.realtimestore.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.voice.realtime.JsonObjects;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted GA Realtime service for the tests (the real one is Azure, which cannot run here). Every event it sends
 * follows realtime-ga.schema.json. A user text message names the scenario to play: "hello", "two tools",
 * "barge in", "slow tool", "goodbye", "fail", "vanish"; "echo" mode sends each appended audio back as a delta.
 * Everything it receives is recorded per connection for the tests to inspect.
 */
@WebSocket(path = "/fake-upstream/v1/realtime")
public class FakeUpstream {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Events received, per upstream connection, in order (newest connection last). */
    public static final List<List<JsonNode>> RECEIVED = new CopyOnWriteArrayList<>();
    /** Handshake headers of each upstream connection. */
    public static final List<Map<String, List<String>>> HANDSHAKES = new CopyOnWriteArrayList<>();
    /** Query strings of each upstream connection. */
    public static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    /** Request paths of each upstream connection. */
    public static final List<String> PATHS = new CopyOnWriteArrayList<>();
    private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();
    /** Sideband connections ({@code ?call_id=}) by call id: the test plays the call's side through them. */
    private static final Map<String, Script> CALLS = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Vertx vertx;

    FakeUpstream(Vertx vertx) {
        this.vertx = vertx;
    }

    public static List<JsonNode> lastConnection() {
        return RECEIVED.isEmpty() ? List.of() : RECEIVED.get(RECEIVED.size() - 1);
    }

    public static List<JsonNode> received(String type) {
        return lastConnection().stream().filter(event -> type.equals(event.path("type").asText())).toList();
    }

    /** How many events of a type arrived over every connection so far. */
    public static long receivedOnAllConnections(String type) {
        return RECEIVED.stream().flatMap(List::stream).filter(event -> type.equals(event.path("type").asText())).count();
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        accept(connection, vertx);
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) throws Exception {
        handle(connection, text);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        forget(connection);
    }

    /** Starts a scripted session on a connection (also used by the fake Azure route). */
    static void accept(WebSocketConnection connection, Vertx vertx) {
        HANDSHAKES.add(connection.handshakeRequest().headers());
        QUERIES.add(String.valueOf(connection.handshakeRequest().query()));
        PATHS.add(connection.handshakeRequest().path());
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        RECEIVED.add(received);
        Script script = new Script(connection, received, vertx);
        SCRIPTS.put(connection.id(), script);
        String query = String.valueOf(connection.handshakeRequest().query());
        if (query.startsWith("call_id=")) {
            CALLS.put(query.substring("call_id=".length()), script);
        }
        script.send(script.event("session.created").set("session", script.session));
    }

    static void handle(WebSocketConnection connection, String text) throws Exception {
        SCRIPTS.get(connection.id()).onEvent((ObjectNode) JSON.readTree(text));
    }

    static void forget(WebSocketConnection connection) {
        SCRIPTS.remove(connection.id());
    }

    /**
     * What a shopper's turn on a WebRTC call makes the service do, seen from the call's sideband: the scenario is
     * played as if the shopper had asked for it over the call's own data channel.
     */
    public static void playOnCall(String callId, String scenario) {
        Script script = call(callId);
        script.scenario = scenario;
        script.respond();
    }

    /** Sends a server event on a call's sideband, as the service does when a client on the call changed something. */
    public static void sendOnCall(String callId, ObjectNode event) {
        call(callId).send(event);
    }

    /** Events the gateway sent on a call's sideband. */
    public static List<JsonNode> receivedOnCall(String callId) {
        return call(callId).received;
    }

    /**
     * The sideband of a call, once this side has registered it: the gateway may report the call attached (its
     * client saw the handshake complete) a moment before this endpoint's open callback has run.
     */
    private static Script call(String callId) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!CALLS.containsKey(callId) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Script script = CALLS.get(callId);
        if (script == null) {
            throw new AssertionError("no sideband connection for call " + callId + " reached the fake upstream");
        }
        return script;
    }

    static String id(String prefix) {
        return prefix + "_" + IDS.incrementAndGet();
    }

    /** One upstream session. */
    static final class Script {
        final WebSocketConnection connection;
        final List<JsonNode> received;
        final Vertx vertx;
        final ObjectNode session;
        String scenario = "hello";
        boolean echo;

        Script(WebSocketConnection connection, List<JsonNode> received, Vertx vertx) {
            this.connection = connection;
            this.received = received;
            this.vertx = vertx;
            this.session = (ObjectNode) JsonObjects.parse("""
                    {"type":"realtime","object":"realtime.session","id":"%s","model":"fake-realtime",
                     "output_modalities":["audio"],"instructions":"","tools":[],"tool_choice":"auto",
                     "max_output_tokens":"inf","expires_at":%d,
                     "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":null,
                       "noise_reduction":null,"turn_detection":{"type":"server_vad","threshold":0.5,
                       "prefix_padding_ms":300,"silence_duration_ms":200,"create_response":true,
                       "interrupt_response":true,"idle_timeout_ms":null}},
                      "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"alloy","speed":1.0}}}
                    """.formatted(id("sess"), System.currentTimeMillis() / 1000 + 1800));
        }

        void onEvent(ObjectNode event) {
            received.add(event);
            switch (event.path("type").asText()) {
                case "session.update" -> {
                    JsonObjects.merge(session, (ObjectNode) event.get("session"));
                    send(event("session.updated").set("session", session));
                }
                case "input_audio_buffer.append" -> {
                    if (echo) {
                        audioDelta("resp_echo", "item_echo", event.get("audio").asText());
                    }
                }
                case "conversation.item.create" -> userItem(event.get("item"));
                case "conversation.item.truncate" -> send(event("conversation.item.truncated")
                        .put("item_id", event.get("item_id").asText()).put("content_index", 0)
                        .put("audio_end_ms", event.get("audio_end_ms").asInt()));
                case "response.create" -> respond();
                default -> {
                }
            }
        }

        private void userItem(JsonNode item) {
            String text = item.path("content").path(0).path("text").asText("");
            if (item.path("type").asText().equals("message")) {
                scenario = text;
                echo = text.equals("echo");
            }
            ObjectNode stored = item.deepCopy();
            stored.put("id", id("item")).put("object", "realtime.item").put("status", "completed");
            conversationItem("conversation.item.added", stored);
            conversationItem("conversation.item.done", stored);
        }

        /** A response.create arrived: what it answers depends on the scenario and on tool outputs received. */
        void respond() {
            boolean toolOutputsArrived = !received.stream()
                    .filter(e -> e.path("item").path("type").asText().equals("function_call_output")).toList().isEmpty();
            switch (scenario) {
                case "two tools" -> {
                    if (toolOutputsArrived) {
                        answer("I found the Summit tent for you.", 5, 0);
                    } else {
                        functionCalls(List.of(new String[] { "search_products", "{\"query\":\"tent\",\"limit\":3}" },
                                new String[] { "check_availability", "{\"product_id\":1}" }));
                    }
                }
                case "slow tool" -> {
                    if (toolOutputsArrived) {
                        answer("Sorry, the catalog is slow right now.", 2, 0);
                    } else {
                        functionCalls(List.<String[]>of(new String[] { "get_product_details", "{\"product_id\":1}" }));
                    }
                }
                case "goodbye" -> {
                    if (toolOutputsArrived) {
                        answer("Goodbye and thanks for shopping!", 3, 0);
                    } else {
                        functionCalls(List.<String[]>of(new String[] { "end_conversation", "{\"reason\":\"done\"}" }));
                    }
                }
                case "barge in" -> bargeIn();
                case "fail" -> {
                    ObjectNode error = event("error");
                    error.putObject("error").put("type", "server_error").put("code", "internal_error")
                            .put("message", "The server had an error.").putNull("param").putNull("event_id");
                    send(error);
                    connection.close(new CloseReason(1011, "internal error")).subscribe().with(v -> { }, f -> { });
                }
                case "vanish" -> connection.close(new CloseReason(1001, "going away")).subscribe().with(v -> { }, f -> { });
                default -> answer("Hello! How can I help you today?", 5, 0);
            }
        }

        /** Answers with 1 s of audio in 50 chunks sent every 10 ms, then reports speech_started mid-answer. */
        private void bargeIn() {
            String responseId = id("resp");
            String itemId = id("item");
            startAnswer(responseId, itemId);
            AtomicInteger sent = new AtomicInteger();
            vertx.setPeriodic(10, timer -> {
                if (sent.incrementAndGet() > 50 || connection.isClosed()) {
                    vertx.cancelTimer(timer);
                    return;
                }
                audioDelta(responseId, itemId, silence(20));
                if (sent.get() == 25) {
                    send(event("input_audio_buffer.speech_started").put("audio_start_ms", 4000).put("item_id", id("item")));
                }
                boolean cancelled = received.stream().anyMatch(e -> e.path("type").asText().equals("response.cancel"));
                if (cancelled) {
                    vertx.cancelTimer(timer);
                    finishAnswer(responseId, itemId, "Let me tell you about", "cancelled");
                }
            });
        }

        private void answer(String transcript, int audioChunks, int unused) {
            String responseId = id("resp");
            String itemId = id("item");
            startAnswer(responseId, itemId);
            for (String word : transcript.split(" ")) {
                send(part("response.output_audio_transcript.delta", responseId, itemId).put("delta", word + " "));
            }
            for (int i = 0; i < audioChunks; i++) {
                audioDelta(responseId, itemId, silence(100));
            }
            finishAnswer(responseId, itemId, transcript, "completed");
        }

        private void startAnswer(String responseId, String itemId) {
            send(event("response.created").set("response", response(responseId, "in_progress", JSON.createArrayNode())));
            ObjectNode item = assistantItem(itemId, "in_progress", null);
            outputItem("response.output_item.added", responseId, 0, item);
            conversationItem("conversation.item.added", item);
            contentPart("response.content_part.added", responseId, itemId, "");
        }

        private void finishAnswer(String responseId, String itemId, String transcript, String status) {
            send(part("response.output_audio.done", responseId, itemId));
            send(part("response.output_audio_transcript.done", responseId, itemId).put("transcript", transcript));
            contentPart("response.content_part.done", responseId, itemId, transcript);
            ObjectNode item = assistantItem(itemId, status.equals("completed") ? "completed" : "incomplete", transcript);
            outputItem("response.output_item.done", responseId, 0, item);
            conversationItem("conversation.item.done", item);
            ArrayNode output = JSON.createArrayNode().add(item);
            send(event("response.done").set("response", response(responseId, status, output)));
        }

        private void functionCalls(List<String[]> calls) {
            String responseId = id("resp");
            send(event("response.created").set("response", response(responseId, "in_progress", JSON.createArrayNode())));
            ArrayNode output = JSON.createArrayNode();
            for (int index = 0; index < calls.size(); index++) {
                String itemId = id("item");
                String callId = id("call");
                ObjectNode item = JSON.createObjectNode().put("id", itemId).put("object", "realtime.item")
                        .put("type", "function_call").put("status", "in_progress").put("call_id", callId)
                        .put("name", calls.get(index)[0]).put("arguments", "");
                outputItem("response.output_item.added", responseId, index, item.deepCopy());
                send(event("response.function_call_arguments.delta").put("response_id", responseId).put("item_id", itemId)
                        .put("output_index", index).put("call_id", callId).put("delta", calls.get(index)[1]));
                send(event("response.function_call_arguments.done").put("response_id", responseId).put("item_id", itemId)
                        .put("output_index", index).put("call_id", callId).put("name", calls.get(index)[0])
                        .put("arguments", calls.get(index)[1]));
                item.put("status", "completed").put("arguments", calls.get(index)[1]);
                outputItem("response.output_item.done", responseId, index, item);
                output.add(item);
            }
            send(event("response.done").set("response", response(responseId, "completed", output)));
        }

        private void outputItem(String type, String responseId, int index, ObjectNode item) {
            ObjectNode event = event(type).put("response_id", responseId).put("output_index", index);
            event.set("item", item);
            send(event);
        }

        private void conversationItem(String type, JsonNode item) {
            ObjectNode event = event(type);
            event.putNull("previous_item_id");
            event.set("item", item);
            send(event);
        }

        private void contentPart(String type, String responseId, String itemId, String transcript) {
            ObjectNode event = part(type, responseId, itemId);
            event.putObject("part").put("type", "audio").put("transcript", transcript);
            send(event);
        }

        private void audioDelta(String responseId, String itemId, String base64) {
            send(part("response.output_audio.delta", responseId, itemId).put("delta", base64));
        }

        private ObjectNode response(String id, String status, ArrayNode output) {
            ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "realtime.response").put("status", status);
            response.putNull("status_details");
            response.set("output", output);
            response.put("conversation_id", "conv_fake");
            response.putArray("output_modalities").add("audio");
            if (status.equals("in_progress")) {
                response.putNull("usage");
            } else {
                ObjectNode usage = response.putObject("usage").put("total_tokens", 180).put("input_tokens", 120)
                        .put("output_tokens", 60);
                usage.putObject("input_token_details").put("cached_tokens", 0).put("text_tokens", 100).put("audio_tokens", 20);
                usage.putObject("output_token_details").put("text_tokens", 10).put("audio_tokens", 50);
            }
            return response;
        }

        private static ObjectNode assistantItem(String itemId, String status, String transcript) {
            ObjectNode item = JSON.createObjectNode().put("id", itemId).put("object", "realtime.item").put("type", "message")
                    .put("status", status).put("role", "assistant");
            ArrayNode content = item.putArray("content");
            if (transcript != null) {
                content.addObject().put("type", "output_audio").put("transcript", transcript);
            }
            return item;
        }

        ObjectNode part(String type, String responseId, String itemId) {
            return event(type).put("response_id", responseId).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
        }

        ObjectNode event(String type) {
            return JSON.createObjectNode().put("type", type).put("event_id", id("event"));
        }

        void send(JsonNode event) {
            if (connection.isOpen()) {
                connection.sendText(event.toString()).subscribe().with(v -> { }, f -> { });
            }
        }

        private static String silence(int ms) {
            return Base64.getEncoder().encodeToString(new byte[ms * 48]);
        }
    }
}
