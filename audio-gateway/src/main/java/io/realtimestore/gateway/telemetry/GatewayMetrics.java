package io.realtimestore.gateway.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realtimestore.gateway.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The gateway's meters (Prometheus at /q/metrics). Hot-path counters are created once and only incremented. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Timer speechToAudio;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter rejectedEvents;

    GatewayMetrics(MeterRegistry registry, SessionRegistry sessions) {
        this.registry = registry;
        registry.gauge("realtime.sessions.active", sessions, SessionRegistry::activeCount);
        this.framesIn = Counter.builder("realtime.frames").tag("direction", "client_to_upstream").register(registry);
        this.framesOut = Counter.builder("realtime.frames").tag("direction", "upstream_to_client").register(registry);
        this.bytesIn = Counter.builder("realtime.bytes").tag("direction", "client_to_upstream").baseUnit("bytes").register(registry);
        this.bytesOut = Counter.builder("realtime.bytes").tag("direction", "upstream_to_client").baseUnit("bytes").register(registry);
        this.speechToAudio = Timer.builder("realtime.turn.speech_to_audio")
                .description("end of the shopper's speech to the first audio of the answer")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
        this.inputTokens = Counter.builder("realtime.usage.tokens").tag("kind", "input").register(registry);
        this.outputTokens = Counter.builder("realtime.usage.tokens").tag("kind", "output").register(registry);
        this.rejectedEvents = Counter.builder("realtime.client.rejected_events").register(registry);
    }

    public void clientFrame(int length) {
        framesIn.increment();
        bytesIn.increment(length);
    }

    public void upstreamFrame(int length) {
        framesOut.increment();
        bytesOut.increment(length);
    }

    public void rejectedClientEvent() {
        rejectedEvents.increment();
    }

    public void speechToAudio(Duration latency) {
        speechToAudio.record(latency);
    }

    public void usage(long input, long output) {
        inputTokens.increment(input);
        outputTokens.increment(output);
    }

    public void tool(String name, boolean ok, Duration latency) {
        Timer.builder("realtime.tool.calls").tag("tool", name).tag("outcome", ok ? "ok" : "error")
                .register(registry).record(latency);
    }

    public void sessionClosed(String reason, Duration duration) {
        DistributionSummary.builder("realtime.session.duration.seconds").tag("reason", reason)
                .register(registry).record(duration.toSeconds());
    }
}
