package io.realtimestore.voice.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.voice.LocalVoiceEngine;
import io.realtimestore.voice.LocalVoiceOptions;
import io.realtimestore.voice.stt.CatalogVocabulary;
import io.realtimestore.audio.Pcm16;
import io.realtimestore.audio.Resampler;
import io.realtimestore.voice.testing.ServerEventLog;
import io.realtimestore.voice.testing.SyntheticSpeech;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void twoShoppersSpeakingAtOnceShareOneDecoderWithoutLosingATurn(@TempDir Path audio) throws Exception {
        // the engine of this class has a single decoder: the second turn waits for it instead of blocking the lanes
        String[] questions = { "show me headlamps", "show me tents" };
        List<ServerEventLog> logs = List.of(new ServerEventLog(), new ServerEventLog());
        List<LocalRealtimeSession> sessions = logs.stream().map(log -> engine.openSession("marin", 0, log)).toList();
        sessions.forEach(session -> session.accept("{\"type\":\"session.update\",\"session\":{\"audio\":{\"input\":"
                + "{\"transcription\":{\"model\":\"gpt-4o-mini-transcribe\"}}}}}"));
        List<List<String>> appends = java.util.Arrays.stream(questions)
                .map(q -> appends(SyntheticSpeech.FLITE_SLT.say(q, audio))).toList();
        for (int i = 0; i < Math.max(appends.get(0).size(), appends.get(1).size()); i++) {
            for (int s = 0; s < 2; s++) {
                if (i < appends.get(s).size()) {
                    sessions.get(s).accept(appends.get(s).get(i));
                }
            }
        }
        for (int s = 0; s < 2; s++) {
            String transcript = logs.get(s).await("conversation.item.input_audio_transcription.completed", 1)
                    .path("transcript").asText();
            assertThat(transcript).isEqualTo(questions[s]);
            JsonNode call = logs.get(s).await("response.function_call_arguments.done", 1);
            assertThat(call.path("name").asText()).isEqualTo("search_products");
            sessions.get(s).close();
        }
    }

    /** 20 ms input_audio_buffer.append events of the 16 kHz speech at 24 kHz, with a second of silence after it. */
    private static List<String> appends(short[] speech16k) {
        short[] speech = Resampler.convert(speech16k, 16_000, 24_000);
        short[] padded = java.util.Arrays.copyOf(speech, speech.length + 24_000);
        byte[] pcm = Pcm16.toLittleEndian(padded);
        List<String> events = new java.util.ArrayList<>();
        for (int offset = 0; offset < pcm.length; offset += 960) {
            byte[] chunk = java.util.Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 960));
            events.add("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + java.util.Base64.getEncoder().encodeToString(chunk) + "\"}");
        }
        return events;
    }
}
