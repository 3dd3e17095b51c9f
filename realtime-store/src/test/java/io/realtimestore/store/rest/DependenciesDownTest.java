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

/** products-service and the gateway are not running: the store still answers, and says what is wrong. */
@QuarkusTest
@TestProfile(DependenciesDownTest.NothingRunning.class)
class DependenciesDownTest {

    public static class NothingRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.products.url", "http://localhost:" + ServiceProcess.freePort(),
                    "store.gateway.url", "http://localhost:" + ServiceProcess.freePort(),
                    "store.gateway.api-key", "some-gateway-key-0123456789");
        }
    }

    @Test
    void pagesSayTheCatalogIsUnavailable() {
        for (String path : new String[] { "/", "/products", "/products/1", "/search?q=tent" }) {
            Response page = given().get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(503);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.asString()).contains("The catalog is unavailable right now").contains("id=\"assistant-panel\"")
                    .doesNotContain("Exception").doesNotContain("at io.");
        }
    }

    @Test
    void theAssistantSaysItIsUnavailableWithoutNamingTheKey() {
        Response session = given().contentType("application/json").body("{}").post("/api/assistant/session");
        assertThat(session.statusCode()).isEqualTo(503);
        assertThat(session.header("Retry-After")).isEqualTo("5");
        assertThat(session.jsonPath().getString("detail")).isEqualTo("The voice assistant is unavailable right now. Please try again in a moment.");
        assertThat(session.asString()).doesNotContain("some-gateway-key");
    }

    @Test
    void readinessStaysUpAndSaysTheCatalogIsUnavailable() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("unavailable");
    }
}
