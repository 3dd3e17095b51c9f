package io.realtimestore.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import io.realtimestore.gateway.support.RealtimeClient;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Speech during an answer cancels it and cuts the assistant item at the audio the shopper can have heard. */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class BargeInTest {

    @Test
    void withoutAClientTruncateTheGatewayCancelsAndTruncatesWithinWhatItDelivered() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("barge in");
            client.await("input_audio_buffer.speech_started");
            JsonNode done = client.await("response.done");
            assertThat(done.path("response").path("status").asText()).isEqualTo("cancelled");

            assertThat(FakeUpstream.received("response.cancel")).hasSize(1);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !FakeUpstream.received("conversation.item.truncate").isEmpty());
            JsonNode truncate = FakeUpstream.received("conversation.item.truncate").get(0);
            String item = client.ofType("response.output_item.added").get(0).path("item").path("id").asText();
            long deliveredMs = client.ofType("response.output_audio.delta").stream()
                    .filter(delta -> delta.path("item_id").asText().equals(item)).count() * 20;
            assertThat(truncate.path("item_id").asText()).isEqualTo(item);
            assertThat(truncate.path("audio_end_ms").asLong()).isPositive().isLessThanOrEqualTo(deliveredMs);
            client.await("conversation.item.truncated");
            client.assertSchemaValid();
        }
    }

    @Test
    void aClientTruncateBeyondWhatWasDeliveredIsClampedAndReplacesTheGatewaysOwn() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("barge in");
            client.await("input_audio_buffer.speech_started");
            String item = client.ofType("response.output_item.added").get(0).path("item").path("id").asText();
            client.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + item
                    + "\",\"content_index\":0,\"audio_end_ms\":60000}");
            client.await("conversation.item.truncated");
            long deliveredAtTruncate = client.ofType("response.output_audio.delta").size() * 20L;

            List<JsonNode> truncates = FakeUpstream.received("conversation.item.truncate");
            assertThat(truncates).hasSize(1);
            assertThat(truncates.get(0).path("audio_end_ms").asLong()).isPositive().isLessThanOrEqualTo(deliveredAtTruncate);
            // the grace period passes without a second (gateway) truncate
            Awaitility.await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                    .until(() -> FakeUpstream.received("conversation.item.truncate").size() == 1);
        }
    }
}
