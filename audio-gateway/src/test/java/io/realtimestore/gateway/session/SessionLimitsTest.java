package io.realtimestore.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.BlackHoleProducts;
import io.realtimestore.gateway.support.FakeUpstream;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.RealtimeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** Time limits, session caps and a catalog that never answers, with the limits set small. */
@QuarkusTest
@TestProfile(SessionLimitsTest.TightLimits.class)
@WithTestResource(BlackHoleProducts.class)
class SessionLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.idle-timeout", "3s", "gateway.limits.max-session-duration", "6s",
                    "gateway.limits.session-end-warning", "3s", "gateway.limits.max-sessions", "3",
                    "gateway.limits.max-sessions-per-client", "2", "tools.timeout", "1s", "tools.attempt-timeout", "300ms",
                    "tools.max-retries", "1", "gateway.limits.max-pending-bytes", "262144");
        }
    }

    @Test
    void anIdleSessionIsClosedWithAnError() {
        try (RealtimeClient client = admitted("idler", false)) {
            assertThat(client.awaitClose()).isEqualTo(1000);
            assertThat(client.closeReason()).isEqualTo("idle timeout");
            assertThat(client.ofType("error")).anyMatch(e -> e.path("error").path("code").asText().equals("idle_timeout"));
        }
    }

    @Test
    void theMaximumDurationIsAnnouncedThenEnforced() {
        try (RealtimeClient client = admitted("long-talker", true)) {
            for (int i = 0; i < 8 && client.isOpen(); i++) { // stay active so idleness is not the reason
                client.send("{\"type\":\"input_audio_buffer.clear\"}");
                sleep(1000);
            }
            client.awaitError("session_expiring");
            client.await("store.session_ending");
            client.awaitError("session_expired");
            assertThat(client.awaitClose()).isEqualTo(1000);
            assertThat(client.closeReason()).contains("maximum session duration");
        }
    }

    @Test
    void overTheCapsTheUpgradeIs503() {
        String path = "/v1/realtime";
        try (RealtimeClient a = client("alice"); RealtimeClient b = client("alice")) {
            a.await("session.created");
            b.await("session.created");
            assertThat(RealtimeClient.rejectedStatus(Gateway.port(), path + "?token=" + Gateway.mintToken("alice"), Map.of(),
                    List.of())).isEqualTo(503);
            try (RealtimeClient c = client("bob")) {
                c.await("session.created");
                assertThat(RealtimeClient.rejectedStatus(Gateway.port(), path + "?token=" + Gateway.mintToken("carol"), Map.of(),
                        List.of())).isEqualTo(503);
            }
        }
        // capacity comes back when sessions close
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (RealtimeClient again = client("alice")) {
                again.await("session.created");
            }
        });
    }

    @Test
    void aToolThatNeverAnswersBecomesAnApologyAndTheSessionContinues() throws Exception {
        try (RealtimeClient client = admitted("patient-shopper", true)) {
            client.say("slow tool");
            JsonNode answer = client.awaitNth("response.done", 2);
            assertThat(answer.path("response").path("status").asText()).isEqualTo("completed");
            JsonNode output = FakeUpstream.lastConnection().stream()
                    .filter(e -> e.path("item").path("type").asText().equals("function_call_output")).findFirst().orElseThrow();
            JsonNode result = new ObjectMapper().readTree(output.path("item").path("output").asText());
            assertThat(result.path("error").asText()).contains("did not answer in time");
            assertThat(result.path("instruction").asText()).contains("Apologise");
            JsonNode card = client.await("store.tool_result");
            assertThat(card.path("status").asText()).isEqualTo("error");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1008AndOthersGoOn() {
        // a small receive buffer: otherwise Linux lets the client's socket absorb tens of MiB before the gateway notices
        try (RealtimeClient slow = admitted("slow-reader", false, 16 * 1024); RealtimeClient other = admitted("bystander", false)) {
            slow.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                    + "\"content\":[{\"type\":\"input_text\",\"text\":\"echo\"}]}}");
            slow.await("conversation.item.done");
            slow.pauseReading();
            String append = "{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                    + java.util.Base64.getEncoder().encodeToString(new byte[9_600]) + "\"}";
            // ~300 s of audio echoed back, in 200 ms appends: about four times what the gateway's socket buffer and the
            // 256 KiB it may hold for this client can absorb. Each append also flows on to the (in-process) fake
            // upstream, and on a loaded machine a burst can back up that direction first (1013, seen in CI): so no more
            // than a few appends are sent ahead of what the fake upstream has received.
            long appendsBefore = FakeUpstream.receivedOnAllConnections("input_audio_buffer.append");
            for (int i = 0; i < 1500 && slow.closeCode() == null; i++) {
                if (!upstreamHasReceived(appendsBefore + i - 8)) {
                    break; // the upstream side stopped: the gateway has ended this session
                }
                try {
                    slow.send(append);
                } catch (RuntimeException closedMeanwhile) {
                    break; // the gateway gave up on this client while we were still writing
                }
            }
            slow.resumeReading();
            assertThat(slow.awaitClose()).as(() -> "close reason: " + slow.closeReason()).isEqualTo(1008);
            assertThat(slow.closeReason()).contains("not reading fast enough");
            other.say("hello");
            other.await("response.done");
        }
    }

    /**
     * A session for a client of its own, once the gateway admits it: sessions of the previous test may still be
     * closing, and the caps here are tiny (3 in total).
     */
    private static RealtimeClient admitted(String name, boolean storeEvents) {
        return admitted(name, storeEvents, -1);
    }

    private static RealtimeClient admitted(String name, boolean storeEvents, int receiveBufferBytes) {
        java.util.concurrent.atomic.AtomicReference<RealtimeClient> admitted = new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await("admission of " + name).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    RealtimeClient candidate = RealtimeClient.connect(Gateway.port(), "/v1/realtime?token=" + Gateway.mintToken(name),
                            Map.of(), storeEvents ? List.of(Gateway.STORE) : List.of(), receiveBufferBytes);
                    Awaitility.await().atMost(Duration.ofSeconds(5))
                            .until(() -> !candidate.ofType("session.updated").isEmpty() || candidate.closeCode() != null);
                    if (candidate.closeCode() != null) {
                        candidate.close();
                        return false;
                    }
                    admitted.set(candidate);
                    return true;
                });
        return admitted.get();
    }

    private static RealtimeClient client(String name) {
        return RealtimeClient.connect(Gateway.port(), "/v1/realtime?token=" + Gateway.mintToken(name), Map.of(), List.of());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits up to 2 s until the fake upstream has received {@code appends} appends in all; false if it did not. Called
     * before each of up to 1,500 appends: it waits (polling on this thread, no poller thread per call) only when the
     * upstream is behind.
     */
    private static boolean upstreamHasReceived(long appends) {
        BooleanSupplier received = () -> FakeUpstream.receivedOnAllConnections("input_audio_buffer.append") >= appends;
        try {
            if (!received.getAsBoolean()) {
                Awaitility.await("the fake upstream receiving " + appends + " appends").atMost(Duration.ofSeconds(2))
                        .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(received::getAsBoolean);
            }
            return true;
        } catch (ConditionTimeoutException stopped) {
            return false;
        }
    }
}
