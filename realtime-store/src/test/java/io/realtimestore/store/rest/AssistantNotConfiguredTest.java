package io.realtimestore.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.testsupport.ServiceProcess;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No GATEWAY_API_KEY: the store starts, and the panel is told the assistant is not set up. */
@QuarkusTest
@TestProfile(AssistantNotConfiguredTest.NoGatewayKey.class)
class AssistantNotConfiguredTest {

    public static class NoGatewayKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.products.url", "http://localhost:" + ServiceProcess.freePort(),
                    "store.gateway.api-key", "");
        }
    }

    @Test
    void sessionsAreRefusedWithTheReason() {
        Response session = given().contentType("application/json").body("{}").post("/api/assistant/session");
        assertThat(session.statusCode()).isEqualTo(503);
        assertThat(session.jsonPath().getString("detail")).contains("GATEWAY_API_KEY");
        assertThat(given().get("/q/health/ready").asString()).contains("not configured: set GATEWAY_API_KEY");
    }
}
