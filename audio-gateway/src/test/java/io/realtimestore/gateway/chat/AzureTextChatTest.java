package io.realtimestore.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.ChatClient;
import io.realtimestore.gateway.support.ChatClient.Answer;
import io.realtimestore.gateway.support.FakeChatCompletions;
import io.realtimestore.gateway.support.FakeChatCompletions.Failure;
import io.realtimestore.gateway.support.FakeChatCompletions.RecordedRequest;
import io.realtimestore.gateway.support.ProductsServiceResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/chat} on Azure OpenAI's chat completions (a fake that streams like Azure: prompt-filter chunk, role
 * chunk, tool-call argument fragments, usage chunk), with the tools running against the real products-service.
 */
@QuarkusTest
@TestProfile(AzureTextChatTest.AzureChat.class)
@WithTestResource(ProductsServiceResource.class)
@WithTestResource(value = FakeChatCompletions.class, initArgs = @ResourceArg(name = "provider", value = "azure"))
class AzureTextChatTest {

    /** A short model timeout, fast retries, and a circuit breaker that these tests' failures cannot open. */
    public static class AzureChat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.model-timeout", "3s", "chat.retry-delay", "50ms", "chat.circuit-request-volume", "1000");
        }
    }

    @BeforeEach
    @AfterEach
    void freshFake() {
        FakeChatCompletions.reset();
    }

    @Test
    void parallelToolCallsRunAgainstTheCatalogAndTheAnswerStreamsFromTheirResults() {
        Answer answer = ChatClient.withApiKey("Show me tents and stoves", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.first("session").path("model").asText()).isEqualTo("azure:" + FakeChatCompletions.AZURE_DEPLOYMENT);
        assertThat(answer.named("tool")).extracting(event -> event.data().path("name").asText())
                .containsExactly("search_products", "search_products");
        List<JsonNode> cards = answer.named("products").stream().map(event -> event.data().path("products")).toList();
        assertThat(cards).hasSize(2).allSatisfy(list -> assertThat(list).isNotEmpty());
        assertThat(answer.named("text.delta")).hasSizeGreaterThan(2);
        // cards come as each tool finishes, in any order: the tents are those of the first call
        String tentsCall = answer.first("tool").path("call_id").asText();
        JsonNode tent = answer.named("products").stream().filter(event -> event.data().path("call_id").asText().equals(tentsCall))
                .findFirst().orElseThrow().data().path("products").get(0);
        assertThat(tent.path("category").asText()).isEqualTo("Tents");
        assertThat(answer.text()).contains(tent.path("name").asText()).contains(tent.path("price").decimalValue().toPlainString());
        assertThat(answer.done().path("text").asText()).isEqualTo(answer.text());
        assertThat(answer.named("error")).isEmpty();

        List<RecordedRequest> requests = FakeChatCompletions.requests();
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.authorized()).isTrue();
            assertThat(request.stream()).isTrue();
            assertThat(request.path()).isEqualTo("/openai/deployments/" + FakeChatCompletions.AZURE_DEPLOYMENT + "/chat/completions");
            assertThat(request.toolNames()).containsExactlyInAnyOrder("search_products", "get_product_details",
                    "check_availability", "compare_products", "end_conversation");
        });
        RecordedRequest first = requests.get(0);
        assertThat(first.roles()).containsExactly("system", "user");
        String instructions = first.messages().get(0).path("content").asText();
        assertThat(instructions).contains("Only state prices, stock levels and product details that come from your tools")
                .contains("written, not spoken");
        JsonNode search = first.body().path("tools").findValues("function").stream()
                .filter(function -> function.path("name").asText().equals("search_products")).findFirst().orElseThrow();
        assertThat(search.path("parameters").path("required")).extracting(JsonNode::asText).containsExactly("query");
        assertThat(search.path("parameters").path("properties").path("max_price").path("type").asText()).isEqualTo("number");
        RecordedRequest second = requests.get(1);
        assertThat(second.roles()).containsExactly("system", "user", "assistant", "tool", "tool");
        assertThat(second.messages().get(3).path("content").asText()).contains(tent.path("name").asText());

        Answer followUp = ChatClient.withApiKey("hello again", answer.session());
        assertThat(followUp.text()).isEqualTo(FakeChatCompletions.GREETING);
        assertThat(FakeChatCompletions.lastRequest().roles())
                .containsExactly("system", "user", "assistant", "tool", "tool", "assistant", "user");
    }

    @Test
    void aServerErrorBeforeAnyTextIsRetried() {
        FakeChatCompletions.enqueueFailure(Failure.SERVER_ERROR_500);

        Answer answer = ChatClient.withApiKey("hello", null);

        assertThat(answer.named("error")).isEmpty();
        assertThat(answer.text()).isEqualTo(FakeChatCompletions.GREETING);
        assertThat(FakeChatCompletions.requests()).hasSize(2);
    }

    @Test
    void aRateLimitThatOutlastsTheRetriesIsExplainedAndTheFailedTurnIsForgotten() {
        Answer hello = ChatClient.withApiKey("hello", null);
        for (int i = 0; i < 3; i++) {
            FakeChatCompletions.enqueueFailure(Failure.RATE_LIMITED_429);
        }

        Answer limited = ChatClient.withApiKey("show me tents", hello.session());

        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.first("error").path("code").asText()).isEqualTo("model_rate_limited");
        assertThat(limited.first("error").path("message").asText()).contains("try again");
        assertThat(limited.events().getLast().name()).isEqualTo("done");
        assertThat(FakeChatCompletions.requests()).hasSize(1 + 3);

        Answer again = ChatClient.withApiKey("hello", hello.session());
        assertThat(again.named("error")).isEmpty();
        assertThat(FakeChatCompletions.lastRequest().roles()).containsExactly("system", "user", "assistant", "user");
    }

    @Test
    void refusedCredentialsAreNotRetriedAndNeverShown() {
        FakeChatCompletions.enqueueFailure(Failure.UNAUTHORIZED_401);

        Answer answer = ChatClient.withApiKey("show me tents", null);

        JsonNode error = answer.first("error");
        assertThat(error.path("code").asText()).isEqualTo("model_unavailable");
        assertThat(answer.events().toString()).doesNotContain(FakeChatCompletions.AZURE_API_KEY)
                .doesNotContain("localhost:" + fakePort());
        assertThat(FakeChatCompletions.requests()).hasSize(1);
    }

    @Test
    void aSilentModelTimesOutWithAMessageAndTheConversationTakesOneMessageAtATime() throws Exception {
        String session = ChatClient.withApiKey("hello", null).session();
        FakeChatCompletions.enqueueFailure(Failure.HANG);

        long started = System.nanoTime();
        CompletableFuture<Answer> hanging = CompletableFuture.supplyAsync(() -> ChatClient.withApiKey("show me tents", session));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> FakeChatCompletions.requests().size() == 2);
        Answer meanwhile = ChatClient.withApiKey("are you there?", session);
        assertThat(meanwhile.status()).isEqualTo(409);
        assertThat(meanwhile.problem().path("detail").asText()).contains("still answering");

        Answer timedOut = hanging.get(30, java.util.concurrent.TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(timedOut.first("error").path("code").asText()).isEqualTo("model_timeout");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(FakeChatCompletions.requests()).hasSize(2); // a timeout is not retried

        assertThat(ChatClient.withApiKey("hello", session).named("error")).isEmpty();
    }

    @Test
    void aStreamThatBreaksAfterTextEndsTheTurnWithTheTextSoFarAndIsNotRepeated() {
        FakeChatCompletions.enqueueFailure(Failure.DROP_MID_STREAM);

        Answer answer = ChatClient.withApiKey("show me tents", null);

        assertThat(answer.text()).isNotEmpty();
        assertThat(FakeChatCompletions.DROPPED_ANSWER).startsWith(answer.text());
        assertThat(answer.first("error").path("code").asText()).isEqualTo("model_failed");
        assertThat(answer.done().path("text").asText()).isEqualTo(answer.text());
        assertThat(FakeChatCompletions.requests()).hasSize(1);
    }

    @Test
    void theModelCanEndTheConversation() {
        Answer bye = ChatClient.withApiKey("thanks, bye", null);

        assertThat(bye.first("tool").path("name").asText()).isEqualTo("end_conversation");
        assertThat(bye.text()).isEqualTo(FakeChatCompletions.GOODBYE);
        assertThat(bye.done().path("ended").asBoolean()).isTrue();
        assertThat(ChatClient.withApiKey("hello", bye.session()).status()).isEqualTo(404);
    }

    private static int fakePort() {
        String endpoint = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("realtime.azure.endpoint", String.class);
        return Integer.parseInt(endpoint.replaceAll(".*:", ""));
    }
}
