package io.realtimestore.voice.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.voice.LocalVoiceEngine;
import io.realtimestore.voice.LocalVoiceOptions;
import io.realtimestore.voice.stt.CatalogVocabulary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol engine on the real engine parts, driven with the events the gateway sends. */
class LocalRealtimeSessionTest {

    private static LocalVoiceEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = LocalVoiceEngine.start(new LocalVoiceOptions(Path.of("target/stt-model"), 1, 2));
        engine.useCatalog(new CatalogVocabulary(List.of("Trail Glow 250"), List.of("Headlamps", "Tents"), List.of("Emberpeak"),
                List.of()));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void toolOutputsAreAnsweredWithASpokenAnswer() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        LocalRealtimeSession session = engine.openSession("marin", 0, text -> events.add(read(text)));
        session.accept("""
                {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"show me headlamps"}]}}""");
        session.accept("{\"type\":\"response.create\"}");
        JsonNode calls = await(events, "response.done", 1);
        JsonNode call = calls.path("response").path("output").path(0);
        assertThat(call.path("name").asText()).isEqualTo("search_products");
        session.accept("""
                {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"%s","output":"{\\"count\\":1,\\"products\\":[{\\"id\\":42,\\"name\\":\\"Trail Glow 250\\",\\"brand\\":\\"Emberpeak\\",\\"price\\":\\"24.50 USD\\",\\"in_stock\\":true,\\"stock\\":3}]}"}}"""
                .formatted(call.path("call_id").asText()));
        session.accept("{\"type\":\"response.create\"}");
        JsonNode answer = await(events, "response.done", 2);
        assertThat(answer.path("response").path("output").path(0).path("content").path(0).path("transcript").asText())
                .contains("Trail Glow 250");
        assertThat(events.stream().filter(e -> e.path("type").asText().equals("response.output_audio.delta"))).isNotEmpty();
        session.close();
    }

    static JsonNode await(List<JsonNode> events, String type, int nth) throws InterruptedException {
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

    private static JsonNode read(String text) {
        try {
            return ServerEvents.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
