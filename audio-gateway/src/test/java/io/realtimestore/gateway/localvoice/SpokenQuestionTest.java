package io.realtimestore.gateway.localvoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import io.realtimestore.gateway.support.RealtimeClient;
import io.realtimestore.gateway.support.SpokenFixtures;
import io.realtimestore.audio.Pcm16;
import java.math.BigDecimal;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spoken questions, streamed in real time through the gateway to the offline engine: voice activity detection,
 * transcription, the tool call against the real catalog, and a spoken answer built from its result.
 */
@QuarkusTest
@TestProfile(LocalVoiceProfile.class)
@WithTestResource(ProductsServiceResource.class)
class SpokenQuestionTest {

    @BeforeEach
    void catalogIsLoaded() {
        Awaitility.await("catalog vocabulary").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !given().get("/q/health/ready").asString().contains("has not been read"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "flite-slt", "festival-slt-hts" })
    void aSpokenSearchIsTranscribedSearchedAndAnsweredAloud(String voice) {
        SpokenFixtures.Utterance question = SpokenFixtures.get(voice, "q01"); // sleeping bags under two hundred dollars
        try (RealtimeClient client = Gateway.storeClient()) {
            client.await("session.updated");
            client.streamAudio(question.pcm());
            JsonNode started = client.await("input_audio_buffer.speech_started");
            assertThat(started.path("audio_start_ms").asLong()).isBetween(0L, 700L);
            JsonNode stopped = client.await("input_audio_buffer.speech_stopped");
            assertThat(stopped.path("audio_end_ms").asLong()).isBetween(question.durationMs() - 1200, question.durationMs());
            JsonNode transcript = client.await("conversation.item.input_audio_transcription.completed");
            assertThat(SpokenFixtures.wordErrorRate(question.text(), transcript.path("transcript").asText()))
                    .as("transcript '%s'", transcript.path("transcript").asText()).isLessThanOrEqualTo(0.25);

            JsonNode cards = client.await("store.tool_result");
            assertThat(cards.path("tool").asText()).isEqualTo("search_products");
            assertThat(cards.path("products")).isNotEmpty();
            cards.path("products").forEach(card -> {
                assertThat(card.path("category").asText()).isEqualTo("Sleeping Bags");
                assertThat(card.path("price").decimalValue()).isLessThanOrEqualTo(new BigDecimal("200"));
            });
            JsonNode answer = client.await(e -> e.path("type").asText().equals("response.done")
                    && e.path("response").path("output").path(0).path("type").asText().equals("message"), "spoken answer");
            assertThat(answer.path("response").path("output").path(0).path("content").path(0).path("transcript").asText())
                    .contains(cards.path("products").get(0).path("name").asText());
            assertThat(Pcm16.rmsDbfs(TypedQuestionTest.audioOf(client))).isGreaterThan(-40);
            client.assertSchemaValid();
        }
    }

    @Test
    void speakingDuringTheAnswerCancelsItAndTheNewQuestionIsAnswered() {
        try (RealtimeClient client = Gateway.storeClient()) {
            client.await("session.updated");
            client.streamAudio(SpokenFixtures.get("flite-slt", "q01").pcm());
            client.await("response.output_audio.delta");
            client.streamAudio(SpokenFixtures.get("flite-slt", "q02").pcm()); // i need a waterproof backpack
            JsonNode cancelled = client.await(e -> e.path("type").asText().equals("response.done")
                    && e.path("response").path("status").asText().equals("cancelled"), "cancelled answer");
            assertThat(cancelled.path("response").path("status_details").path("reason").asText()).isEqualTo("turn_detected");
            JsonNode backpacks = client.await(e -> e.path("type").asText().equals("store.tool_result")
                    && e.path("products").path(0).path("category").asText().equals("Backpacks"), "backpack search");
            assertThat(backpacks.path("products")).isNotEmpty();
            client.await(e -> e.path("type").asText().equals("response.done")
                    && e.path("response").path("status").asText().equals("completed")
                    && e.path("response").path("output").path(0).path("content").path(0).path("transcript").asText()
                            .contains(backpacks.path("products").get(0).path("name").asText()), "backpack answer");
            client.assertSchemaValid();
        }
    }
}
