package io.realtimestore.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.store.support.SuiteResource;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The panel's session endpoint against the real gateway: a token the gateway accepts (for the Realtime WebSocket, or
 * for one text chat message), and refusals that say why.
 */
@QuarkusTest
@WithTestResource(SuiteResource.class)
class AssistantSessionTest {

    @Test
    void mintsASingleUseTokenThatTheGatewayAccepts() throws Exception {
        Response session = given().contentType("application/json").body("{}").post("/api/assistant/session");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.header("Cache-Control")).contains("no-store");
        String token = session.jsonPath().getString("token");
        long expiresAt = session.jsonPath().getLong("expires_at");
        String url = session.jsonPath().getString("url");
        assertThat(expiresAt).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 61);
        assertThat(url).isEqualTo(gatewayUrl().replace("http://", "ws://") + "/v1/realtime");
        assertThat(session.jsonPath().getString("chat_url")).isEqualTo(gatewayUrl() + "/v1/chat");
        assertThat(session.asString()).doesNotContain(io.realtimestore.store.support.Suite.GATEWAY_KEY);
        assertThat(session.detailedCookie(AssistantResource.SHOPPER_COOKIE).isHttpOnly()).isTrue();

        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("realtime-store.v1", "realtime-store.token." + token)
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("realtime-store.v1");
        assertThat(first.get(20, TimeUnit.SECONDS)).contains("\"type\":\"store.session\"").contains("\"upstream\":\"local\"");
        socket.abort();
    }

    @Test
    void theTokenAlsoTakesOneMessageToTheGatewaysTextChat() throws Exception {
        Response session = given().contentType("application/json").body("{}").post("/api/assistant/session");
        assertThat(session.statusCode()).isEqualTo(200);
        HttpRequest message = HttpRequest.newBuilder(URI.create(session.jsonPath().getString("chat_url")))
                .header("Authorization", "Bearer " + session.jsonPath().getString("token"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"show me tents\"}"))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(message, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = answer.body().lines().filter(line -> line.startsWith("event:"))
                .map(line -> line.substring("event:".length()).strip()).toList();
        assertThat(events).as(answer.body()).isNotEmpty().startsWith("session").endsWith("done").contains("products");
    }

    @Test
    void aReturningShopperKeepsTheirId() {
        String shopper = given().contentType("application/json").body("{}").post("/api/assistant/session")
                .then().statusCode(200).extract().cookie(AssistantResource.SHOPPER_COOKIE);
        Response again = given().cookie(AssistantResource.SHOPPER_COOKIE, shopper).contentType("application/json")
                .body("{}").post("/api/assistant/session");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.cookie(AssistantResource.SHOPPER_COOKIE)).isNull();
    }

    @Test
    void otherSitesCannotStartSessions() {
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/json").body("{}").post("/api/assistant/session")
                .then().statusCode(403).contentType("application/problem+json");
        Response foreign = given().header("Origin", "https://elsewhere.example").contentType("application/json").body("{}")
                .post("/api/assistant/session");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.jsonPath().getString("detail")).isEqualTo("Voice sessions can only be started from this store's own pages.");
        assertThat(foreign.asString()).doesNotContain("token\"");
    }

    @Test
    void sameOriginBrowsersAreServed() {
        given().header("Sec-Fetch-Site", "same-origin").contentType("application/json").body("{}").post("/api/assistant/session")
                .then().statusCode(200);
    }

    private static String gatewayUrl() {
        return ConfigProvider.getConfig().getValue("store.gateway.url", String.class);
    }

    @Test
    void webRtcIsRefusedWithTheReasonWhenTheAssistantRunsOnTheBuiltInEngine() {
        Response call = given().contentType("application/sdp").body(sdp("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"))
                .post("/api/assistant/webrtc");
        assertThat(call.statusCode()).isEqualTo(503);
        assertThat(call.jsonPath().getString("detail")).contains("Direct WebRTC needs the assistant on Azure OpenAI or OpenAI");
    }

    /** RestAssured has no encoder for application/sdp; bytes go as they are. */
    private static byte[] sdp(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
