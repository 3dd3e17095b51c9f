package io.realtimestore.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.console.audio.Pcm16;
import io.realtimestore.console.support.ConsoleRunner;
import io.realtimestore.console.support.FakeRealtimeService;
import io.realtimestore.console.support.Signals;
import io.realtimestore.console.wav.WavWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded question (16 kHz: resampled on the way) streamed in real time to a scripted service that answers
 * before it has transcribed the question, as real services often do: the printed conversation still has the
 * question first.
 */
class TranscriptOrderTest {

    @TempDir
    Path dir;

    @Test
    void theQuestionIsPrintedBeforeAnAnswerThatArrivedFirst() throws Exception {
        Path question = dir.resolve("question-16k.wav");
        byte[] pcm16k = Pcm16.toBytes(Signals.sine(300, 16_000, 16_000, 0.3)); // one second at 16 kHz
        try (WavWriter writer = WavWriter.create(question, 16_000)) {
            writer.write(pcm16k, 0, pcm16k.length);
        }
        try (FakeRealtimeService service = FakeRealtimeService.start("api-key", "k", List.of())) {
            AtomicBoolean heard = new AtomicBoolean();
            service.onAudio = (fake, bytes) -> {
                if (bytes >= 500 * Pcm16.BYTES_PER_MS && heard.compareAndSet(false, true)) {
                    fake.send(fake.event("input_audio_buffer.speech_started").put("audio_start_ms", 0).put("item_id", "item_q"));
                    fake.send(fake.event("input_audio_buffer.speech_stopped").put("audio_end_ms", 500).put("item_id", "item_q"));
                    fake.send(fake.event("input_audio_buffer.committed").put("item_id", "item_q"));
                    fake.beginAnswer().say("We have three tents.", Signals.tonePcm(500, 300)).done("completed");
                    fake.later(Duration.ofMillis(400), () -> fake.send(fake.event("conversation.item.input_audio_transcription.completed")
                            .put("item_id", "item_q").put("content_index", 0).put("transcript", "what tents do you have")));
                }
            };
            long start = System.nanoTime();

            ConsoleRunner.Result result = ConsoleRunner.run("--azure-endpoint", service.httpUrl(), "--deployment", "d",
                    "--api-key", "k", "--input", question.toString(), "--output", dir.resolve("answer.wav").toString());

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.out()).isEqualTo("You: what tents do you have\nAssistant: We have three tents.\n");
            // streamed in real time, resampled to 24 kHz: a second of file takes a second and arrives as 48,000 bytes
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1000));
            long sent = service.received("input_audio_buffer.append").stream()
                    .mapToLong(e -> java.util.Base64.getDecoder().decode(e.path("audio").asText()).length).sum();
            assertThat(sent).isGreaterThanOrEqualTo(Pcm16.RATE * 2L);
        }
    }
}
