package io.realtimestore.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.ChatClient;
import io.realtimestore.gateway.support.ChatClient.Answer;
import io.realtimestore.gateway.support.FakeChatCompletions;
import io.realtimestore.gateway.support.ProductsServiceResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/chat} on OpenAI's chat completions API (a fake at a custom base URL). */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
@WithTestResource(value = FakeChatCompletions.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class OpenAiTextChatTest {

    @BeforeEach
    void freshFake() {
        FakeChatCompletions.reset();
    }

    @Test
    void aSearchAnswersFromTheCatalogThroughOpenAi() {
        Answer answer = ChatClient.withApiKey("Do you have tents?", null);

        assertThat(answer.first("session").path("model").asText()).isEqualTo("openai:" + FakeChatCompletions.OPENAI_MODEL);
        assertThat(answer.first("products").path("products")).isNotEmpty();
        String tent = answer.first("products").path("products").get(0).path("name").asText();
        assertThat(answer.text()).contains(tent);
        assertThat(FakeChatCompletions.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.authorized()).isTrue();
            assertThat(request.body().path("model").asText()).isEqualTo(FakeChatCompletions.OPENAI_MODEL);
        });
    }
}
