package io.realtimestore.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import io.realtimestore.gateway.support.RealtimeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may open a session, checked before the upgrade. */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class AuthenticationTest {

    private static final String PATH = "/v1/realtime";

    @Test
    void missingOrWrongCredentialsAre401() {
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH, Map.of(), List.of())).isEqualTo(401);
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH, Map.of("X-Api-Key", "wrong-key-0123456789"), List.of()))
                .isEqualTo(401);
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH, Map.of("Authorization", "Bearer not.a.token"), List.of()))
                .isEqualTo(401);
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH + "?token=" + forged(), Map.of(), List.of())).isEqualTo(401);
    }

    @Test
    void aTokenWorksAsBearerSubprotocolOrQueryParameterOnce() {
        String bearer = Gateway.mintToken("shopper-1");
        try (RealtimeClient client = RealtimeClient.connect(Gateway.port(), PATH, Map.of("Authorization", "Bearer " + bearer), List.of())) {
            client.await("session.created");
        }
        String browser = Gateway.mintToken("shopper-1");
        try (RealtimeClient client = RealtimeClient.connect(Gateway.port(), PATH, Map.of("Origin", "http://localhost:8080"),
                List.of(Gateway.STORE, "realtime-store.token." + browser))) {
            assertThat(client.subprotocol()).isEqualTo(Gateway.STORE);
            client.await("store.session");
        }
        String query = Gateway.mintToken("shopper-1");
        try (RealtimeClient client = RealtimeClient.connect(Gateway.port(), PATH + "?model=x&token=" + query, Map.of(), List.of())) {
            client.await("session.created");
        }
        // replay: every form of a used token is refused
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH, Map.of("Authorization", "Bearer " + bearer), List.of()))
                .isEqualTo(403);
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH + "?token=" + query, Map.of(), List.of())).isEqualTo(403);
    }

    @Test
    void openAiSdkStyleCredentialsWork() {
        String token = Gateway.mintToken("sdk");
        try (RealtimeClient client = RealtimeClient.connect(Gateway.port(), PATH, Map.of(),
                List.of("realtime", "openai-insecure-api-key." + token))) {
            assertThat(client.subprotocol()).isEqualTo("realtime");
            client.await("session.created");
        }
        try (RealtimeClient client = RealtimeClient.connect(Gateway.port(), PATH, Map.of("Authorization", "Bearer " + Gateway.API_KEY),
                List.of())) {
            client.await("session.created");
        }
        try (RealtimeClient client = RealtimeClient.connect(Gateway.port(), PATH, Map.of("api-key", Gateway.API_KEY), List.of())) {
            client.await("session.created");
        }
    }

    @Test
    void browserOriginsOutsideTheAllowlistAre403() {
        String token = Gateway.mintToken("shopper-2");
        assertThat(RealtimeClient.rejectedStatus(Gateway.port(), PATH + "?token=" + token, Map.of("Origin", "https://evil.example"),
                List.of())).isEqualTo(403);
    }

    @Test
    void mintingNeedsTheApiKeyAndNamesAValidClient() {
        given().contentType("application/json").body("{}").post("/api/realtime/sessions").then().statusCode(401)
                .body("detail", containsString("X-Api-Key"));
        given().header("X-Api-Key", Gateway.API_KEY).contentType("application/json").body("{\"client\":\"bad client!\"}")
                .post("/api/realtime/sessions").then().statusCode(400).body("detail", containsString("client"));
        long expiresAt = given().header("X-Api-Key", Gateway.API_KEY).contentType("application/json").body("{}")
                .post("/api/realtime/sessions").then().statusCode(201).extract().jsonPath().getLong("expires_at");
        assertThat(expiresAt - System.currentTimeMillis() / 1000).isBetween(55L, 61L);
    }

    private static String forged() {
        String real = Gateway.mintToken("forger");
        String[] parts = real.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("forger", "admin1");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    }
}
