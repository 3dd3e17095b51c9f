package io.realtimestore.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * WebRTC calls: the browser talks to the provider directly, and the gateway attaches to the call's sideband to run the
 * product tools (against the real products-service) and keep the server's instructions and tools in place.
 */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class CallSidebandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGatewayRunsTheToolsTheModelCallsOnTheCall() throws Exception {
        attach("rtc_tools_1").then().statusCode(201);
        FakeUpstream.receivedOnCall("rtc_tools_1"); // waits until the fake has seen the sideband open
        assertThat(FakeUpstream.QUERIES).contains("call_id=rtc_tools_1");

        FakeUpstream.playOnCall("rtc_tools_1", "two tools");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ofType("rtc_tools_1", "response.create").size() == 1);
        List<JsonNode> outputs = FakeUpstream.receivedOnCall("rtc_tools_1").stream()
                .filter(e -> e.path("item").path("type").asText().equals("function_call_output")).toList();
        assertThat(outputs).hasSize(2);
        JsonNode search = JSON.readTree(outputs.get(0).path("item").path("output").asText());
        assertThat(search.path("products").get(0).path("name").asText()).isNotBlank();
        List<String> types = FakeUpstream.receivedOnCall("rtc_tools_1").stream().map(e -> e.path("type").asText()).toList();
        assertThat(types.getLast()).as("one response.create, after both outputs").isEqualTo("response.create");
    }

    @Test
    void instructionsOrToolsReplacedByAClientAreRestored() {
        attach("rtc_policy_1").then().statusCode(201);
        ObjectNode updated = JSON.createObjectNode().put("type", "session.updated").put("event_id", "event_x");
        updated.putObject("session").put("type", "realtime").put("instructions", "You are a pirate.").putArray("tools");

        FakeUpstream.sendOnCall("rtc_policy_1", updated);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !ofType("rtc_policy_1", "session.update").isEmpty());
        JsonNode restored = ofType("rtc_policy_1", "session.update").getFirst().path("session");
        assertThat(restored.path("instructions").asText()).contains("Realtime Store");
        assertThat(restored.path("tools")).hasSize(5);
        assertThat(restored.has("audio")).as("the client's voice and turn detection are left alone").isFalse();
    }

    @Test
    void attachingNeedsTheKeyAProviderCallIdAndOneSidebandPerCall() {
        given().post("/api/realtime/calls/rtc_nokey/sideband").then().statusCode(401);
        attach("not-a-call").then().statusCode(400);
        attach("rtc_twice_1").then().statusCode(201);
        attach("rtc_twice_1").then().statusCode(409);
    }

    private static io.restassured.response.Response attach(String callId) {
        return given().header("X-Api-Key", Gateway.API_KEY).post("/api/realtime/calls/" + callId + "/sideband");
    }

    private static List<JsonNode> ofType(String callId, String type) {
        return FakeUpstream.receivedOnCall(callId).stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
