package io.realtimestore.gateway.tools;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.realtimestore.gateway.telemetry.GatewayMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Runs one tool call for a conversation, voice or text alike: in its own span under the conversation's turn (so the
 * call to products-service carries the trace context) and measured per tool and outcome.
 */
@ApplicationScoped
public class ToolRunner {

    private final ProductTools tools;
    private final GatewayMetrics metrics;
    private final Tracer tracer;

    ToolRunner(ProductTools tools, GatewayMetrics metrics, Tracer tracer) {
        this.tools = tools;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** A finished call: what the tool produced and how long it took. Never a failure (see {@link ProductTools}). */
    public record ToolRun(ToolCall call, ToolOutcome outcome, Duration latency) {
    }

    public Uni<ToolRun> run(ToolCall call, Span turn) {
        Span span = tracer.spanBuilder("realtime.tool " + call.name())
                .setParent(Context.root().with(turn))
                .setAttribute("realtime.tool.name", call.name()).setAttribute("realtime.tool.call_id", call.callId())
                .startSpan();
        long started = System.nanoTime();
        Uni<ToolOutcome> outcome;
        try (Scope ignored = span.makeCurrent()) {
            // Subscribed inside the span's scope so the REST call to products-service carries its trace context.
            outcome = tools.run(call).memoize().indefinitely();
            outcome.subscribe().with(done -> { }, failure -> { });
        }
        return outcome.map(result -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            metrics.tool(call.name(), result.ok(), latency);
            if (!result.ok()) {
                span.setStatus(StatusCode.ERROR, result.message());
            }
            span.end();
            return new ToolRun(call, result, latency);
        });
    }
}
