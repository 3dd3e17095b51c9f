package io.realtimestore.voice.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.voice.LocalVoiceEngine;
import io.realtimestore.voice.LocalVoiceOptions;
import io.realtimestore.voice.stt.CatalogVocabulary;
import io.realtimestore.voice.testing.ServerEventLog;
import java.nio.file.Path;
import java.util.List;
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
        ServerEventLog events = new ServerEventLog();
        LocalRealtimeSession session = engine.openSession("marin", 0, events);
        session.accept("""
                {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"show me headlamps"}]}}""");
        session.accept("{\"type\":\"response.create\"}");
        JsonNode calls = events.await("response.done", 1);
        JsonNode call = calls.path("response").path("output").path(0);
        assertThat(call.path("name").asText()).isEqualTo("search_products");
        session.accept("""
                {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"%s","output":"{\\"count\\":1,\\"products\\":[{\\"id\\":42,\\"name\\":\\"Trail Glow 250\\",\\"brand\\":\\"Emberpeak\\",\\"price\\":\\"24.50 USD\\",\\"in_stock\\":true,\\"stock\\":3}]}"}}"""
                .formatted(call.path("call_id").asText()));
        session.accept("{\"type\":\"response.create\"}");
        JsonNode answer = events.await("response.done", 2);
        assertThat(answer.path("response").path("output").path(0).path("content").path(0).path("transcript").asText())
                .contains("Trail Glow 250");
        assertThat(events.has("response.output_audio.delta")).isTrue();
        session.close();
    }

    @Test
    void badAndUnsupportedEventsGetNamedErrorsAndTheSessionGoesOn() throws Exception {
        ServerEventLog events = new ServerEventLog();
        LocalRealtimeSession session = engine.openSession("marin", 0, events);
        session.accept("not json");
        session.accept("{\"type\":\"output_audio_buffer.clear\",\"event_id\":\"e1\"}");
        session.accept("{\"type\":\"response.cancel\"}");
        session.accept("{\"type\":\"input_audio_buffer.append\",\"audio\":\"%%%\"}");
        session.accept("{\"type\":\"session.update\",\"session\":{\"audio\":{\"input\":{\"turn_detection\":null}}}}");
        session.accept("{\"type\":\"input_audio_buffer.commit\"}");
        session.accept("{\"type\":\"conversation.item.delete\",\"item_id\":\"nope\"}");
        events.await("error", 6);
        assertThat(events.events().stream().filter(e -> e.path("type").asText().equals("error"))
                .map(e -> e.path("error").path("code").asText()).toList()).containsExactly("invalid_json", "unknown_event",
                        "response_cancel_not_active", "invalid_value", "input_audio_buffer_commit_empty", "item_not_found");
        assertThat(events.await("session.updated", 1).path("session").path("audio").path("input").path("turn_detection").isNull())
                .isTrue();
        session.accept("{\"type\":\"response.create\"}");
        assertThat(events.await("response.done", 1).path("response").path("status").asText()).isEqualTo("completed");
        session.close();
    }

    @Test
    void aTruncatedAnswerKeepsOnlyTheWordsThatWereHeard() throws Exception {
        ServerEventLog events = new ServerEventLog();
        LocalRealtimeSession session = engine.openSession("marin", 0, events);
        session.accept("{\"type\":\"response.create\"}");
        JsonNode done = events.await("response.done", 1);
        String itemId = done.path("response").path("output").path(0).path("id").asText();
        session.accept("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId
                + "\",\"content_index\":0,\"audio_end_ms\":1000}");
        assertThat(events.await("conversation.item.truncated", 1).path("audio_end_ms").asInt()).isEqualTo(1000);
        session.accept("{\"type\":\"conversation.item.retrieve\",\"item_id\":\"" + itemId + "\"}");
        String heard = events.await("conversation.item.retrieved", 1).path("item").path("content").path(0).path("transcript").asText();
        assertThat(heard.split(" ")).hasSizeBetween(1, 4);
        assertThat(done.path("response").path("output").path(0).path("content").path(0).path("transcript").asText()).startsWith(heard);
        session.close();
    }
}
