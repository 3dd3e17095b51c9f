package io.realtimestore.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.http.WebSocketWriteNotAttempted;
import com.openai.helpers.RealtimeConnection;
import com.openai.helpers.RealtimeWebSocketOptions;
import com.openai.models.realtime.ConversationItemCreateEvent;
import com.openai.models.realtime.RealtimeClientEvent;
import com.openai.models.realtime.RealtimeConversationItemUserMessage;
import com.openai.models.realtime.RealtimeServerEvent;
import com.openai.models.realtime.ResponseCreateEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.ProductsServiceResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK (a real, typed GA Realtime client that rejects what it cannot parse) pointed at the
 * gateway: it completes a conversation that includes two tool calls, seeing only events it knows.
 */
@QuarkusTest
@WithTestResource(ProductsServiceResource.class)
class OpenAiSdkClientTest {

    @Test
    void theOpenAiJavaSdkCompletesAConversationWithToolCallsThroughTheGateway() {
        OkHttpClient http = OkHttpClient.builder().build();
        ClientOptions options = ClientOptions.builder().httpClient(http)
                .baseUrl("http://localhost:" + Gateway.port() + "/v1").apiKey(Gateway.mintToken("sdk-user")).build();
        List<RealtimeServerEvent> events = new ArrayList<>();
        try (RealtimeConnection connection = RealtimeConnection.connect(options,
                RealtimeWebSocketOptions.builder().model("gpt-realtime").build())) {
            events.add(connection.receive());
            assertThat(events.get(0).isSessionCreated()).isTrue();

            send(connection, RealtimeClientEvent.ofConversationItemCreate(ConversationItemCreateEvent.builder()
                    .item(RealtimeConversationItemUserMessage.builder()
                            .addContent(RealtimeConversationItemUserMessage.Content.builder()
                                    .type(RealtimeConversationItemUserMessage.Content.Type.INPUT_TEXT).text("two tools").build())
                            .build())
                    .build()));
            send(connection, RealtimeClientEvent.ofResponseCreate(ResponseCreateEvent.builder().build()));

            int responsesDone = 0;
            while (responsesDone < 2) {
                RealtimeServerEvent event = connection.receive();
                events.add(event);
                assertThat(event.isError()).as("error event %s", event).isFalse();
                if (event.isResponseDone()) {
                    responsesDone++;
                }
            }
        }
        assertThat(events).anyMatch(RealtimeServerEvent::isSessionUpdated);
        assertThat(events).anyMatch(RealtimeServerEvent::isResponseOutputAudioDelta);
        assertThat(events).noneMatch(RealtimeServerEvent::isResponseFunctionCallArgumentsDone);
        assertThat(FakeUpstream.received("conversation.item.create").stream()
                .filter(e -> e.path("item").path("type").asText().equals("function_call_output"))).hasSize(2);
        String transcript = events.stream().filter(RealtimeServerEvent::isResponseOutputAudioTranscriptDone)
                .map(e -> e.asResponseOutputAudioTranscriptDone().transcript()).findFirst().orElseThrow();
        assertThat(transcript).contains("Summit");
    }

    /**
     * Sends as the SDK expects its users to: its {@code send} queues nothing while an earlier message is still being
     * written (a CI run got {@code Busy} for the second of two back-to-back sends) and says so with an exception
     * marking the message as not sent, so it is tried again.
     */
    private static void send(RealtimeConnection connection, RealtimeClientEvent event) {
        Awaitility.await("the SDK accepting " + event).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    try {
                        connection.send(event);
                        return true;
                    } catch (WebSocketWriteNotAttempted.Busy busy) {
                        return false;
                    }
                });
    }
}
