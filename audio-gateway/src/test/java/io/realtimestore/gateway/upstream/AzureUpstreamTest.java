package io.realtimestore.gateway.upstream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.FakeAzureOpenAi;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.RealtimeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REALTIME_UPSTREAM=azure with a key: the GA route, the api-key header, and client secrets for WebRTC. */
@QuarkusTest
@TestProfile(AzureUpstreamTest.AzureWithKey.class)
class AzureUpstreamTest {

    static final String AZURE_KEY = "azure-key-that-must-never-leak-0123";

    public static class AzureWithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realtime.upstream", "azure", "realtime.azure.endpoint", "http://localhost:18082/fake-azure",
                    "realtime.azure.realtime-deployment", "my-gpt-realtime", "realtime.azure.api-key", AZURE_KEY);
        }
    }

    @Test
    void sessionsUseTheGaRouteWithTheDeploymentAndTheApiKeyHeader() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("hello");
            client.await("response.done");
            assertThat(client.events().toString()).doesNotContain(AZURE_KEY);
        }
        Map<String, List<String>> headers = FakeUpstream.HANDSHAKES.get(FakeUpstream.HANDSHAKES.size() - 1);
        assertThat(headers.get("api-key")).containsExactly(AZURE_KEY);
        assertThat(headers.keySet().stream().map(String::toLowerCase)).doesNotContain("authorization", "origin");
        assertThat(FakeUpstream.PATHS.get(FakeUpstream.PATHS.size() - 1)).isEqualTo("/fake-azure/openai/v1/realtime");
        assertThat(FakeUpstream.QUERIES.get(FakeUpstream.QUERIES.size() - 1)).isEqualTo("model=my-gpt-realtime");
    }

    @Test
    void clientSecretsCarryTheServerPolicyAndNotTheKey() {
        String body = given().header("X-Api-Key", Gateway.API_KEY).post("/api/realtime/client-secrets")
                .then().statusCode(201).body("value", equalTo("ek_fake_ephemeral")).extract().asString();
        assertThat(body).doesNotContain(AZURE_KEY);
        Map<String, Object> request = FakeAzureOpenAi.SECRET_REQUESTS.get(FakeAzureOpenAi.SECRET_REQUESTS.size() - 1);
        assertThat(request.get("api-key")).isEqualTo(AZURE_KEY);
        JsonNode session = ((JsonNode) request.get("body")).path("session");
        assertThat(session.path("model").asText()).isEqualTo("my-gpt-realtime");
        assertThat(session.path("instructions").asText()).contains("Realtime Store");
        assertThat(session.path("tools")).hasSize(5);
        assertThat(((JsonNode) request.get("body")).path("expires_after").path("seconds").asInt()).isEqualTo(60);

        given().post("/api/realtime/client-secrets").then().statusCode(401);
    }

    @Test
    void aWebRtcCallIsOpenedWithAnEphemeralSecretAndTheGatewayRunsItsTools() {
        String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "a=rtpmap:111 opus/48000/2\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";
        var answer = given().header("X-Api-Key", Gateway.API_KEY).contentType("application/sdp").body(sdp(offer))
                .post("/api/realtime/calls").then().statusCode(201).extract().jsonPath();
        String callId = answer.getString("call_id");
        assertThat(callId).startsWith("rtc_fake");
        assertThat(answer.getString("sdp")).startsWith("v=0").contains("m=audio");

        Map<String, String> call = FakeAzureOpenAi.CALL_REQUESTS.get(FakeAzureOpenAi.CALL_REQUESTS.size() - 1);
        assertThat(call.get("offer")).isEqualTo(offer);
        assertThat(call.get("authorization")).isEqualTo("Bearer ek_fake_ephemeral").doesNotContain(AZURE_KEY);
        // the sideband: Azure's realtime route with the call id, authenticated with the gateway's own key
        FakeUpstream.receivedOnCall(callId); // waits until the fake has seen the sideband open
        int sideband = FakeUpstream.QUERIES.indexOf("call_id=" + callId);
        assertThat(sideband).isNotNegative();
        assertThat(FakeUpstream.HANDSHAKES.get(sideband).get("api-key")).containsExactly(AZURE_KEY);

        FakeUpstream.playOnCall(callId, "two tools");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> FakeUpstream.receivedOnCall(callId)
                .stream().filter(e -> e.path("item").path("type").asText().equals("function_call_output")).count() == 2);
    }

    @Test
    void callsNeedTheKeyAndAnSdpOffer() {
        given().contentType("application/sdp").body(sdp("v=0\r\nm=audio 9 x\r\n")).post("/api/realtime/calls").then().statusCode(401);
        given().header("X-Api-Key", Gateway.API_KEY).contentType("application/sdp").body(sdp("hello")).post("/api/realtime/calls")
                .then().statusCode(400);
    }

    @Test
    void readinessReportsTheAzureUpstreamReachable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'realtime-upstream' }.data.upstream", equalTo("azure"));
    }

    /** RestAssured has no encoder for application/sdp; bytes go as they are. */
    private static byte[] sdp(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
