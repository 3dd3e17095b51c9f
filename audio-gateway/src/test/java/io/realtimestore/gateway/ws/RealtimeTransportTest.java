package io.realtimestore.gateway.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import io.realtimestore.gateway.support.VertxWebSockets;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What the endpoint's transport does around the protocol: a plain GET is told to upgrade, a refused upgrade says why in
 * its status, headers and body, and a quiet client is pinged (every 2 s in the test profile).
 */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class RealtimeTransportTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @Test
    void aPlainGetIsToldToOpenAWebSocket() {
        given().get(RealtimeEndpoint.PATH).then().statusCode(426).header("Upgrade", "websocket")
                .body(containsString("WebSocket"));
    }

    @Test
    void aRefusedUpgradeSaysWhyInHeadersAndBody() {
        var response = given().header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .get(RealtimeEndpoint.PATH).then().statusCode(401).extract();
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        String reason = response.header("X-Realtime-Error");
        assertThat(reason).contains("missing credentials");
        assertThat(response.asString().strip()).isEqualTo(reason);
    }

    @Test
    void aQuietClientIsPinged() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        ClientWebSocket socket = VERTX.createWebSocketClient().webSocket();
        socket.frameHandler(frame -> {
            if (frame.isPing()) {
                pings.incrementAndGet();
            }
        });
        VertxWebSockets.connect(VERTX, socket, new WebSocketConnectOptions().setHost("localhost").setPort(Gateway.port())
                        .setURI(RealtimeEndpoint.PATH).addHeader("X-Api-Key", Gateway.API_KEY).setAllowOriginHeader(false))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(pings.get()).isPositive());
        } finally {
            socket.close();
        }
    }
}
