package io.realtimestore.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.RealtimeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REALTIME_UPSTREAM=openai: {base}/realtime?model=…, the key as a bearer token, never shown to the client. */
@QuarkusTest
@TestProfile(OpenAiUpstreamTest.OpenAi.class)
class OpenAiUpstreamTest {

    static final String OPENAI_KEY = "sk-test-key-that-must-never-leak-42";

    public static class OpenAi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realtime.upstream", "openai", "realtime.openai.api-key", OPENAI_KEY,
                    "realtime.openai.base-url", "http://localhost:18082/fake-openai/openai/v1",
                    "realtime.openai.realtime-model", "gpt-realtime-mini");
        }
    }

    @Test
    void sessionsUseTheModelQueryAndABearerKey() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("hello");
            client.await("response.done");
            assertThat(client.events().toString()).doesNotContain(OPENAI_KEY);
        }
        Map<String, List<String>> headers = FakeUpstream.HANDSHAKES.get(FakeUpstream.HANDSHAKES.size() - 1);
        assertThat(headers.entrySet()).anySatisfy(header -> {
            assertThat(header.getKey()).isEqualToIgnoringCase("authorization");
            assertThat(header.getValue()).containsExactly("Bearer " + OPENAI_KEY);
        });
        assertThat(FakeUpstream.PATHS.get(FakeUpstream.PATHS.size() - 1)).isEqualTo("/fake-openai/openai/v1/realtime");
        assertThat(FakeUpstream.QUERIES.get(FakeUpstream.QUERIES.size() - 1)).isEqualTo("model=gpt-realtime-mini");
    }
}
