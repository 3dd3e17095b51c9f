package io.realtimestore.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test-side facts about the running gateway. */
public final class Gateway {

    public static final String API_KEY = "test-gateway-api-key-0123456789";
    public static final String STORE = "realtime-store.v1";

    private Gateway() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    public static String mintToken(String client) {
        return given().header("X-Api-Key", API_KEY).contentType("application/json").body("{\"client\":\"" + client + "\"}")
                .post("/api/realtime/sessions").then().statusCode(201).extract().path("token");
    }

    public static RealtimeClient plainClient() {
        return RealtimeClient.withKey(port(), API_KEY);
    }

    public static RealtimeClient storeClient() {
        return RealtimeClient.connect(port(), "/v1/realtime", Map.of("X-Api-Key", API_KEY), List.of(STORE));
    }
}
