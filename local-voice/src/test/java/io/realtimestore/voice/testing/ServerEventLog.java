package io.realtimestore.voice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects the server events of an engine session (it sends them from its own threads) and waits for them. */
public final class ServerEventLog implements Consumer<String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String event) {
        try {
            events.add(JSON.readTree(event));
        } catch (Exception e) {
            throw new AssertionError("the engine sent invalid JSON: " + event, e);
        }
    }

    public List<JsonNode> events() {
        return events;
    }

    public boolean has(String type) {
        return events.stream().anyMatch(e -> e.path("type").asText().equals(type));
    }

    /** The n-th (1-based) event of a type, waiting up to 15 s; the failure lists what did arrive. */
    public JsonNode await(String type, int nth) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> found = events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
            if (found.size() >= nth) {
                return found.get(nth - 1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(type + " #" + nth + " never came; got " + events.stream().map(e -> e.path("type").asText()).toList());
    }
}
