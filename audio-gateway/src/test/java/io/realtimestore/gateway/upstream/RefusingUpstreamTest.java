package io.realtimestore.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.RealtimeClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider that refuses the handshake: the client learns which kind of refusal it was (429: rate limited; another
 * 4xx: the gateway's set-up was rejected), which is what lets the store's panel fall back to text chat.
 */
@QuarkusTest
@TestProfile(RefusingUpstreamTest.RateLimited.class)
class RefusingUpstreamTest {

    public static class RateLimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realtime.upstream-url", "ws://localhost:18082/fake-refusing/429/v1/realtime");
        }
    }

    @Test
    void a429HandshakeReachesTheClientAsUpstreamRateLimited() {
        try (RealtimeClient client = Gateway.plainClient()) {
            JsonNode error = client.awaitError(UpstreamUnavailableException.RATE_LIMITED);
            assertThat(error.path("error").path("message").asText()).contains("429");
            assertThat(client.awaitClose()).isEqualTo(1013);
            client.assertSchemaValid();
        }
    }

    @Test
    void otherRefusalsAreRejectionsAndFailuresUnavailability() {
        assertThat(UpstreamUnavailableException.codeForStatus(401)).isEqualTo(UpstreamUnavailableException.REJECTED);
        assertThat(UpstreamUnavailableException.codeForStatus(404)).isEqualTo(UpstreamUnavailableException.REJECTED);
        assertThat(UpstreamUnavailableException.codeForStatus(502)).isEqualTo(UpstreamUnavailableException.UNAVAILABLE);
    }
}
