package io.realtimestore.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.ChatClient;
import io.realtimestore.gateway.support.ChatClient.Answer;
import io.realtimestore.gateway.support.FakeChatCompletions;
import io.realtimestore.gateway.support.FakeChatCompletions.Failure;
import io.realtimestore.gateway.support.ProductsServiceResource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failing model opens the circuit: further turns fail at once with a clear message and cost no model call. */
@QuarkusTest
@TestProfile(ChatCircuitBreakerTest.SmallCircuit.class)
@WithTestResource(ProductsServiceResource.class)
@WithTestResource(value = FakeChatCompletions.class, initArgs = @ResourceArg(name = "provider", value = "azure"))
class ChatCircuitBreakerTest {

    public static class SmallCircuit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.max-retries", "0", "chat.circuit-request-volume", "4", "chat.circuit-delay", "60s");
        }
    }

    @Test
    void afterRepeatedFailuresTurnsFailFastWithoutCallingTheModel() {
        FakeChatCompletions.reset();
        for (int i = 0; i < 4; i++) {
            FakeChatCompletions.enqueueFailure(Failure.SERVER_ERROR_500);
            Answer failed = ChatClient.withApiKey("hello", null);
            assertThat(failed.first("error").path("code").asText()).isEqualTo("model_failed");
        }
        assertThat(FakeChatCompletions.requests()).hasSize(4);

        long started = System.nanoTime();
        Answer refused = ChatClient.withApiKey("hello", null);

        assertThat(refused.first("error").path("code").asText()).isEqualTo("model_unavailable");
        assertThat(refused.first("error").path("message").asText()).contains("unavailable at the moment");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(FakeChatCompletions.requests()).hasSize(4);
    }
}
