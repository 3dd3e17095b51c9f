package io.realtimestore.gateway.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realtimestore.gateway.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The gateway's meters (Prometheus at /q/metrics). Hot-path counters are created once and only incremented. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    // Per-frame counts are plain adders read at scrape time: a registered Counter samples exemplars on every
    // increment, which showed up in the relay's profile.
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Timer speechToAudio;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter rejectedEvents;

    GatewayMetrics(MeterRegistry registry, SessionRegistry sessions) {
        this.registry = registry;
        registry.gauge("realtime.sessions.active", sessions, SessionRegistry::activeCount);
        adder(registry, "realtime.frames", "client_to_upstream", framesIn, null);
        adder(registry, "realtime.frames", "upstream_to_client", framesOut, null);
        adder(registry, "realtime.bytes", "client_to_upstream", bytesIn, "bytes");
        adder(registry, "realtime.bytes", "upstream_to_client", bytesOut, "bytes");
        this.speechToAudio = Timer.builder("realtime.turn.speech_to_audio")
                .description("end of the shopper's speech to the first audio of the answer")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
        this.inputTokens = Counter.builder("realtime.usage.tokens").tag("kind", "input").register(registry);
        this.outputTokens = Counter.builder("realtime.usage.tokens").tag("kind", "output").register(registry);
        this.rejectedEvents = Counter.builder("realtime.client.rejected_events").register(registry);
    }

    private static void adder(MeterRegistry registry, String name, String direction, LongAdder adder, String unit) {
        FunctionCounter.builder(name, adder, LongAdder::sum).tag("direction", direction).baseUnit(unit).register(registry);
    }

    public void clientFrame(int length) {
        framesIn.increment();
        bytesIn.add(length);
    }

    public void upstreamFrame(int length) {
        framesOut.increment();
        bytesOut.add(length);
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

    /** A text-chat turn ended: {@code outcome} is ok, or the error code the shopper was given. */
    public void chatTurn(String model, String outcome, Duration duration) {
        Timer.builder("chat.turns").tag("model", model).tag("outcome", outcome).register(registry).record(duration);
    }

    public void sessionClosed(String reason, Duration duration) {
        DistributionSummary.builder("realtime.session.duration.seconds").tag("reason", reason)
                .register(registry).record(duration.toSeconds());
    }
}
