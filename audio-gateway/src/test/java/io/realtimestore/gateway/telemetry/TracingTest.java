package io.realtimestore.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.gateway.support.Gateway;
import io.realtimestore.gateway.support.RealtimeClient;
import io.realtimestore.gateway.support.TraceRecordingProducts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Spans per session, per turn and per tool call, and the trace continuing into products-service. */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.rest-client.products.url", "http://localhost:18082/fake-products");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aToolTurnIsTracedFromSessionToTheCatalogCall() {
        try (RealtimeClient client = Gateway.plainClient()) {
            client.await("session.updated");
            client.say("two tools");
            client.awaitNth("response.done", 2);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> named("realtime.session").size() == 1);
        SpanData session = named("realtime.session").get(0);
        SpanData turn = named("realtime.turn").get(0);
        List<SpanData> tools = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("realtime.tool ")).toList();
        assertThat(turn.getParentSpanId()).isEqualTo(session.getSpanId());
        assertThat(tools).hasSize(2).allMatch(tool -> tool.getParentSpanId().equals(turn.getSpanId()));
        assertThat(tools).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("realtime.tool search_products", "realtime.tool check_availability");
        // the catalog calls carry the trace: same trace id as the session
        assertThat(TraceRecordingProducts.TRACEPARENTS).isNotEmpty()
                .allMatch(header -> header.split("-")[1].equals(session.getTraceId()));
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }
}
