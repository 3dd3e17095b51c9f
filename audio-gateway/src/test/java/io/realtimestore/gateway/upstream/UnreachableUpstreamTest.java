package io.realtimestore.gateway.upstream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.RealtimeClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An upstream that cannot be reached: readiness is DOWN and a client gets an error and 1013. */
@QuarkusTest
@TestProfile(UnreachableUpstreamTest.Unreachable.class)
class UnreachableUpstreamTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realtime.upstream-url", "ws://127.0.0.1:9/v1/realtime", "realtime.connect-timeout", "2s");
        }
    }

    @Test
    void theClientGetsAnErrorAndTryAgainLater() {
        try (RealtimeClient client = Gateway.plainClient()) {
            JsonNode error = client.awaitError("upstream_unavailable");
            assertThat(error.path("error").path("type").asText()).isEqualTo("server_error");
            assertThat(client.awaitClose()).isEqualTo(1013);
            client.assertSchemaValid();
        }
    }

    @Test
    void readinessIsDown() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'realtime-upstream' }.status", equalTo("DOWN"));
    }
}
