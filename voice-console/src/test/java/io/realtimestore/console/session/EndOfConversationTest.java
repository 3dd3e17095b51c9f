package io.realtimestore.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.console.support.ConsoleRunner;
import io.realtimestore.console.support.FakeRealtimeService;
import io.realtimestore.console.support.ScriptedStdin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through a gateway (here a fake that speaks the store extensions): when the assistant calls end_conversation the
 * console finishes after the goodbye, even though the user's input is still open.
 */
class EndOfConversationTest {

    @Test
    void theAssistantsEndConversationToolEndsTheRunAfterTheGoodbye() {
        try (FakeRealtimeService gateway = FakeRealtimeService.start("x-api-key", "gw-key", List.of("realtime-store.v1"))) {
            gateway.onResponse = (fake, request) -> {
                String responseId = fake.id("resp");
                fake.send(fake.event("response.created").set("response", fake.event("x").put("id", responseId).put("status", "in_progress")));
                ObjectNode call = fake.event("x").put("id", fake.id("item_call")).put("type", "function_call")
                        .put("call_id", "call_1").put("name", "end_conversation").put("arguments", "{}");
                call.remove("event_id");
                fake.send(fake.event("response.output_item.done").put("response_id", responseId).put("output_index", 0).set("item", call));
                ObjectNode done = fake.event("response.done");
                done.putObject("response").put("id", responseId).put("status", "completed").putArray("output").add(call);
                fake.send(done);
                fake.send(fake.event("store.session_ending").put("reason", "conversation_ended").put("seconds_left", 1));
                fake.beginAnswer().say("Goodbye!", null).done("completed");
            };
            ScriptedStdin stdin = new ScriptedStdin().type("thanks, bye"); // never ended: the assistant ends it

            ConsoleRunner.Result result = ConsoleRunner.await(ConsoleRunner.start(stdin, "--gateway", "ws://127.0.0.1:" + gateway.port(),
                    "--api-key", "gw-key", "--text", "--verbose"), 20);

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.out()).contains("You: thanks, bye\n[tool] end_conversation {}\n").contains("Assistant: Goodbye!\n");
            assertThat(result.err()).contains("The assistant ended the conversation.");
            assertThat(gateway.handshakes.get(0).path()).isEqualTo("/v1/realtime");
            assertThat(gateway.handshakes.get(0).headers()).containsEntry("x-api-key", "gw-key")
                    .containsEntry("sec-websocket-protocol", "realtime-store.v1");
            assertThat(result.err()).contains("store events on");
        }
    }

    @Test
    void theKeyFromTheEnvironmentAndAMissingKeyIsAUsageError() {
        ConsoleRunner.Result missing = ConsoleRunner.run("--gateway", "ws://127.0.0.1:9", "--text");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--gateway needs its key");
        try (FakeRealtimeService gateway = FakeRealtimeService.start("x-api-key", "from-env", List.of("realtime-store.v1"))) {
            ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("hi").end(), Map.of("GATEWAY_API_KEY", "from-env"),
                    "--gateway", "ws://127.0.0.1:" + gateway.port(), "--text");
            assertThat(result.exitCode()).as(result.all()).isZero();
        }
    }
}
