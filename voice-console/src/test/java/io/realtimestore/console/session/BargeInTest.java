package io.realtimestore.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.console.support.ConsoleRunner;
import io.realtimestore.console.support.FakeRealtimeService;
import io.realtimestore.console.support.ScriptedStdin;
import io.realtimestore.console.support.Signals;
import io.realtimestore.console.wav.WavReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Barge-in against a scripted service: the answer's audio arrives all at once (as real services send it, much faster
 * than it plays) and the user starts speaking a second into it. The recording, which is the console's "speaker" in
 * headless runs, must stop there, and the service must be told how much of the answer was heard.
 */
class BargeInTest {

    @TempDir
    Path dir;

    @Test
    void speakingOverTheAnswerStopsItAndTruncatesTheItemAtWhatWasHeard() throws Exception {
        Path answer = dir.resolve("answer.wav");
        AtomicReference<String> storyItem = new AtomicReference<>();
        try (FakeRealtimeService service = FakeRealtimeService.start("api-key", "k", List.of())) {
            service.onResponse = (fake, request) -> {
                FakeRealtimeService.Answer story = fake.beginAnswer().say("Once upon a time", Signals.tonePcm(440, 3000));
                storyItem.set(story.itemId);
                fake.later(Duration.ofMillis(1000), () -> {
                    fake.send(fake.event("input_audio_buffer.speech_started").put("audio_start_ms", 1000).put("item_id", "item_user_2"));
                    story.done("cancelled");
                    fake.onResponse = (again, create) -> { };
                    fake.later(Duration.ofMillis(300), () -> {
                        fake.send(fake.event("input_audio_buffer.speech_stopped").put("audio_end_ms", 1500).put("item_id", "item_user_2"));
                        fake.send(fake.event("input_audio_buffer.committed").put("item_id", "item_user_2"));
                        fake.send(fake.event("conversation.item.input_audio_transcription.completed").put("item_id", "item_user_2")
                                .put("content_index", 0).put("transcript", "stop"));
                        fake.beginAnswer().say("OK.", Signals.tonePcm(660, 200)).done("completed");
                    });
                });
            };

            ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("tell me a story").end(), Map.of(),
                    "--azure-endpoint", service.httpUrl(), "--deployment", "d", "--api-key", "k", "--text",
                    "--output", answer.toString(), "--verbose");

            assertThat(result.exitCode()).as(result.all()).isZero();
            JsonNode truncate = service.awaitReceived(e -> e.path("type").asText().equals("conversation.item.truncate"), "a truncate");
            assertThat(truncate.path("item_id").asText()).isEqualTo(storyItem.get());
            long heardMs = truncate.path("audio_end_ms").asLong();
            assertThat(heardMs).isBetween(700L, 1500L);
            // the file holds what was heard of the story, then the whole second answer
            assertThat(WavReader.read(answer).durationMs()).isBetween(heardMs + 200 - 60, heardMs + 200 + 60);
            assertThat(result.out()).contains("Assistant: Once upon a time [interrupted]\n")
                    .contains("[barge-in] you spoke over the answer")
                    .contains("You: stop\nAssistant: OK.\n");
        }
    }
}
