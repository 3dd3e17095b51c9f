package io.realtimestore.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import io.realtimestore.gateway.support.RealtimeClient;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Whole conversations through the gateway to the scripted upstream, with tools against the real products-service. */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class ConversationTest {

    @Test
    void aTurnWithTranscriptAndAudioReachesAPlainClientUnchangedAndSchemaValid() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.created");
            JsonNode updated = client.await("session.updated");
            assertThat(updated.path("session").path("instructions").asText()).contains("Realtime Store");
            assertThat(updated.path("session").path("tools")).hasSize(5);
            assertThat(updated.path("session").path("audio").path("input").path("turn_detection").path("type").asText())
                    .isEqualTo("server_vad");

            client.say("hello");
            JsonNode done = client.await("response.done");
            assertThat(done.path("response").path("status").asText()).isEqualTo("completed");
            assertThat(client.ofType("response.output_audio.delta")).hasSize(5);
            assertThat(client.ofType("response.output_audio_transcript.delta")).isNotEmpty();
            assertThat(client.events()).noneMatch(event -> event.path("type").asText().startsWith("store."));
            client.assertSchemaValid();
        }
    }

    @Test
    void twoParallelToolCallsRunAgainstTheCatalogAndStayHiddenFromPlainClients() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("two tools");
            client.awaitNth("response.done", 2);

            List<JsonNode> outputs = FakeUpstream.lastConnection().stream()
                    .filter(e -> e.path("item").path("type").asText().equals("function_call_output")).toList();
            assertThat(outputs).hasSize(2);
            JsonNode search = parse(outputs.get(0).path("item").path("output").asText());
            assertThat(search.path("count").asInt()).isPositive();
            assertThat(search.path("products").get(0).path("name").asText()).isNotBlank();
            assertThat(search.path("products").get(0).path("price").asText()).matches("\\d+\\.\\d{2} [A-Z]{3}");
            assertThat(search.path("products").get(0).path("attributes").isObject()).isTrue();
            JsonNode availability = parse(outputs.get(1).path("item").path("output").asText());
            assertThat(availability.path("id").asLong()).isEqualTo(1);
            assertThat(availability.has("in_stock")).isTrue();
            // exactly one response.create after the outputs (the first came from the client)
            List<String> types = FakeUpstream.lastConnection().stream().map(e -> e.path("type").asText()).toList();
            int clientCreate = types.indexOf("response.create");
            int firstOutput = clientCreate + 1 + types.subList(clientCreate + 1, types.size()).indexOf("conversation.item.create");
            assertThat(types.subList(firstOutput, types.size())).containsExactly("conversation.item.create",
                    "conversation.item.create", "response.create");

            assertThat(client.events()).noneMatch(e -> e.path("type").asText().startsWith("response.function_call"));
            assertThat(client.events()).noneMatch(e -> e.path("item").path("type").asText().startsWith("function_call"));
            JsonNode firstDone = client.ofType("response.done").get(0);
            assertThat(firstDone.path("response").path("output")).isEmpty();
            client.assertSchemaValid();
        }
    }

    @Test
    void storeClientsGetSessionInfoProductCardsUsageAndLatency() {
        try (RealtimeClient client = Gateway.storeClient()) {
            assertThat(client.subprotocol()).isEqualTo(Gateway.STORE);
            JsonNode info = client.await("store.session");
            assertThat(info.path("upstream").asText()).isEqualTo("url");
            assertThat(info.path("tools")).hasSize(5);
            assertThat(info.path("voices")).extracting(JsonNode::asText).contains("marin", "cedar");
            client.await("session.updated");
            client.say("two tools");
            client.awaitNth("response.done", 2);

            JsonNode search = client.await(e -> e.path("type").asText().equals("store.tool_result")
                    && e.path("tool").asText().equals("search_products"), "search card");
            assertThat(search.path("status").asText()).isEqualTo("ok");
            JsonNode card = search.path("products").get(0);
            assertThat(card.path("id").asLong()).isPositive();
            assertThat(card.path("name").asText()).isNotBlank();
            assertThat(card.path("price").decimalValue()).isPositive();
            assertThat(card.path("image_url").asText()).contains("/image");
            assertThat(card.has("in_stock")).isTrue();
            JsonNode usage = client.awaitNth("store.usage", 2);
            assertThat(usage.path("responses").asInt()).isEqualTo(2);
            assertThat(usage.path("total_tokens").asLong()).isEqualTo(360);
            // store clients opted in: they see the tool plumbing as well
            assertThat(client.ofType("response.function_call_arguments.done")).hasSize(2);
            client.assertSchemaValid();
        }
    }

    @Test
    void twoConcurrentSessionsAreIsolated() {
        try (RealtimeClient first = Gateway.plainClient(); RealtimeClient second = Gateway.plainClient()) {
            first.await("session.updated");
            second.await("session.updated");
            first.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"cedar\"}}}}");
            first.awaitNth("session.updated", 2);
            first.send("not json at all");
            first.awaitError("invalid_json");
            second.say("hello");
            second.await("response.done");
            assertThat(first.ofType("response.done")).isEmpty();
            assertThat(second.ofType("error")).isEmpty();
            assertThat(second.ofType("session.updated")).hasSize(1);
            assertThat(first.awaitNth("session.updated", 2).path("session").path("audio").path("output").path("voice").asText())
                    .isEqualTo("cedar");
            assertThat(second.ofType("session.updated").get(0).path("session").path("audio").path("output").path("voice").asText())
                    .isEqualTo("marin");
            assertThat(first.isOpen()).isTrue();
        }
    }

    @Test
    void endConversationClosesTheSessionAfterTheGoodbye() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("goodbye");
            JsonNode goodbye = client.awaitNth("response.done", 2);
            assertThat(goodbye.path("response").path("output").get(0).path("content").get(0).path("transcript").asText())
                    .contains("Goodbye");
            assertThat(client.awaitClose()).isEqualTo(1000);
            assertThat(client.closeReason()).isEqualTo("conversation ended");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
