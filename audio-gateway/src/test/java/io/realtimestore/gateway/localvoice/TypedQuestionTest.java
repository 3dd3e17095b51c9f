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
import io.realtimestore.audio.Pcm16;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed questions to the offline engine through the gateway, with the tools running against the real catalog. */
@QuarkusTest
@TestProfile(LocalVoiceProfile.class)
@WithTestResource(ProductsServiceResource.class)
class TypedQuestionTest {

    @BeforeEach
    void catalogIsLoaded() {
        Awaitility.await("catalog vocabulary").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !given().get("/q/health/ready").asString().contains("has not been read"));
    }

    @Test
    void aTypedSearchGetsToolCardsAndASpokenAnswerNamingAMatchingProduct() {
        try (RealtimeClient client = Gateway.storeClient()) {
            client.await("session.updated");
            client.say("Show me sleeping bags under two hundred dollars");
            JsonNode cards = client.await("store.tool_result");
            assertThat(cards.path("tool").asText()).isEqualTo("search_products");
            assertThat(cards.path("products")).isNotEmpty();
            cards.path("products").forEach(card -> {
                assertThat(card.path("category").asText()).isEqualTo("Sleeping Bags");
                assertThat(card.path("price").decimalValue()).isLessThanOrEqualTo(new java.math.BigDecimal("200"));
            });
            JsonNode answer = client.await(e -> e.path("type").asText().equals("response.done")
                    && e.path("response").path("output").path(0).path("type").asText().equals("message"), "spoken answer");
            String transcript = answer.path("response").path("output").path(0).path("content").path(0).path("transcript").asText();
            assertThat(transcript).contains(cards.path("products").get(0).path("name").asText());
            assertThat(Pcm16.rmsDbfs(audioOf(client))).isGreaterThan(-40);
            client.assertSchemaValid();
        }
    }

    @Test
    void followUpQuestionsUseTheConversationContext() {
        try (RealtimeClient client = Gateway.storeClient()) {
            client.await("session.updated");
            client.say("show me headlamps");
            JsonNode results = client.await("store.tool_result");
            client.awaitNth("response.done", 2);
            String second = results.path("products").get(1).path("name").asText();
            client.say("is the second one in stock?");
            JsonNode availability = client.awaitNth("store.tool_result", 2);
            assertThat(availability.path("tool").asText()).isEqualTo("check_availability");
            assertThat(availability.path("products").get(0).path("name").asText()).isEqualTo(second);
            JsonNode done = client.awaitNth("response.done", 4);
            assertThat(done.path("response").path("output").path(0).path("content").path(0).path("transcript").asText())
                    .contains(second);
            client.assertSchemaValid();
        }
    }

    @Test
    void textOnlySessionsGetTextWithoutAudio() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}}");
            client.awaitNth("session.updated", 2);
            client.say("hello");
            JsonNode done = client.await("response.done");
            assertThat(client.ofType("response.output_text.delta")).isNotEmpty();
            assertThat(client.ofType("response.output_audio.delta")).isEmpty();
            assertThat(done.path("response").path("output").path(0).path("content").path(0).path("text").asText())
                    .contains("What are you looking for");
            client.assertSchemaValid();
        }
    }

    @Test
    void goodbyeEndsTheSessionAfterTheAnswer() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("thank you, goodbye");
            JsonNode done = client.await(e -> e.path("type").asText().equals("response.done")
                    && e.path("response").path("output").path(0).path("type").asText().equals("message"), "goodbye");
            assertThat(done.path("response").path("output").path(0).path("content").path(0).path("transcript").asText())
                    .contains("Goodbye");
            assertThat(client.awaitClose()).isEqualTo(1000);
        }
    }

    static byte[] audioBytes(RealtimeClient client) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        client.ofType("response.output_audio.delta").forEach(d -> audio.writeBytes(Base64.getDecoder().decode(d.path("delta").asText())));
        return audio.toByteArray();
    }

    static short[] audioOf(RealtimeClient client) {
        return Pcm16.fromLittleEndian(audioBytes(client));
    }
}
