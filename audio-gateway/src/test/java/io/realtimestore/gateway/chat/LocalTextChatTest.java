package io.realtimestore.gateway.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.ChatClient;
import io.realtimestore.gateway.support.ChatClient.Answer;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/chat} on the offline assistant (no chat model configured), with the tools running against the real
 * products-service: streamed answers, product cards, conversation memory, authentication and bad input.
 */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class LocalTextChatTest {

    @BeforeEach
    void catalogNamesAreLoaded() {
        Awaitility.await("catalog names").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !given().get("/q/health/ready").asString().contains("offline assistant knows no category"));
    }

    @Test
    void aQuestionStreamsCardsAndAnAnswerFromTheToolResultsAndTheConversationRemembersThem() {
        Answer first = ChatClient.withApiKey("Show me sleeping bags under two hundred dollars", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(first.events().getFirst().name()).isEqualTo("session");
        assertThat(first.first("session").path("model").asText()).isEqualTo("local");
        assertThat(first.events().getLast().name()).isEqualTo("done");
        assertThat(first.first("tool").path("name").asText()).isEqualTo("search_products");
        JsonNode cards = first.first("products").path("products");
        assertThat(cards).isNotEmpty();
        cards.forEach(card -> {
            assertThat(card.path("category").asText()).isEqualTo("Sleeping Bags");
            assertThat(card.path("price").decimalValue()).isLessThanOrEqualTo(new BigDecimal("200"));
            assertThat(card.has("in_stock")).isTrue();
            assertThat(card.path("image_url").asText()).isNotBlank();
        });
        assertThat(first.text()).contains(cards.get(0).path("name").asText());
        assertThat(first.done().path("text").asText()).isEqualTo(first.text());
        assertThat(first.done().path("ended").asBoolean()).isFalse();
        assertThat(first.named("error")).isEmpty();

        Answer second = ChatClient.withApiKey("Is the first one in stock?", first.session());

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.first("tool").path("name").asText()).isEqualTo("check_availability");
        JsonNode checked = second.first("products").path("products").get(0);
        assertThat(checked.path("id").asLong()).isEqualTo(cards.get(0).path("id").asLong());
        assertThat(second.text()).contains(checked.path("name").asText());
    }

    @Test
    void goodbyeEndsTheConversationSoItCannotBeContinued() {
        Answer hello = ChatClient.withApiKey("Hello", null);
        assertThat(hello.named("tool")).isEmpty();
        assertThat(hello.text()).isNotBlank();

        Answer bye = ChatClient.withApiKey("Thanks, goodbye", hello.session());
        assertThat(bye.first("tool").path("name").asText()).isEqualTo("end_conversation");
        assertThat(bye.done().path("ended").asBoolean()).isTrue();
        assertThat(bye.text()).isNotBlank();

        Answer after = ChatClient.withApiKey("One more thing", hello.session());
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.problem().path("detail").asText()).contains("without \"session\"");
    }

    @Test
    void aTokenIsSingleUseAndAConversationBelongsToTheClientItWasMintedFor() {
        Answer first = ChatClient.withToken(Gateway.mintToken("shopper-a"), "Do you have tents?", null);
        assertThat(first.status()).isEqualTo(200);

        String token = Gateway.mintToken("shopper-a");
        assertThat(ChatClient.withToken(token, "And stoves?", first.session()).status()).isEqualTo(200);
        Answer replayed = ChatClient.withToken(token, "And stoves?", first.session());
        assertThat(replayed.status()).isEqualTo(403);

        Answer stranger = ChatClient.withToken(Gateway.mintToken("shopper-b"), "What did they ask?", first.session());
        assertThat(stranger.status()).isEqualTo(404);

        Answer anonymous = ChatClient.send(ChatClient.body("Hello", null));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(anonymous.problem().path("detail").asText()).contains("POST /api/realtime/sessions");

        Answer wrongKey = ChatClient.send(ChatClient.body("Hello", null), "X-Api-Key", "not-the-key");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body()).doesNotContain(Gateway.API_KEY);
    }

    @Test
    void badBodiesAreRefusedWithAProblemThatNamesTheField() {
        record Case(String body, String expected) {
        }
        for (Case bad : List.of(
                new Case("not json", "JSON object"),
                new Case("[1,2]", "JSON object"),
                new Case("{}", "\"message\""),
                new Case("{\"message\":\"   \"}", "\"message\""),
                new Case("{\"message\":42}", "\"message\""),
                new Case("{\"message\":\"" + "a".repeat(2001) + "\"}", "limit is 2000"),
                new Case("{\"message\":\"hi\",\"session\":7}", "\"session\""))) {
            Answer answer = ChatClient.send(bad.body(), "X-Api-Key", Gateway.API_KEY);
            assertThat(answer.status()).as(bad.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.problem().path("detail").asText()).as(bad.body()).contains(bad.expected());
        }
        Answer unknown = ChatClient.withApiKey("Hello", "chat_does_not_exist");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void browsersFromAllowedOriginsMayCallAcrossOriginsAndOthersAreRefused() {
        given().header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/v1/chat")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8080");

        Answer foreign = ChatClient.send(ChatClient.body("Hello", null), "X-Api-Key", Gateway.API_KEY, "Origin", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        Answer allowed = ChatClient.send(ChatClient.body("Hello", null), "X-Api-Key", Gateway.API_KEY, "Origin", "http://localhost:8080");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
    }
}
