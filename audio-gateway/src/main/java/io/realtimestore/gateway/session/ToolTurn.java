package io.realtimestore.gateway.session;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.realtimestore.dto.realtime.StoreEvents;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.tools.ToolCall;
import io.realtimestore.gateway.tools.ToolOutcome;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Runs the function calls of one response in parallel, returns each output to the model as a
 * function_call_output item, then asks for exactly one new response.
 */
final class ToolTurn {

    private final ToolHost session;
    private final SessionServices services;

    ToolTurn(ToolHost session, SessionServices services) {
        this.session = session;
        this.services = services;
    }

    void run(List<ToolCall> calls, Span turn, Runnable onEndConversation) {
        List<Uni<ToolOutcome>> runs = calls.stream().map(call -> runOne(call, turn)).toList();
        Uni.join().all(runs).andCollectFailures().subscribe().with(outcomes -> {
            if (session.isClosed()) {
                return;
            }
            for (int i = 0; i < calls.size(); i++) {
                ToolOutcome outcome = outcomes.get(i);
                if (outcome.endsConversation()) {
                    onEndConversation.run();
                }
                session.sendToUpstream(Events.functionCallOutput(calls.get(i).callId(), outcome.output()));
            }
            session.sendToUpstream(Events.responseCreate());
        }, failure -> Log.errorf(failure, "Session %s: tool turn failed", session.id()));
    }

    private Uni<ToolOutcome> runOne(ToolCall call, Span turn) {
        return services.toolRunner.run(call, turn).map(run -> {
            ToolOutcome result = run.outcome();
            session.sendStoreEvent(new StoreEvents.ToolResult(Events.newEventId(), call.name(), call.callId(),
                    result.ok() ? "ok" : "error", run.latency().toMillis(), result.cards(), result.message()));
            return result;
        });
    }
}
