package io.realtimestore.gateway.chat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.realtimestore.gateway.config.ChatConfig;
import io.realtimestore.gateway.telemetry.GatewayMetrics;
import io.realtimestore.gateway.tools.ToolRunner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Answers one shopper message of a text conversation as a stream of {@link ChatEvent}s. */
@ApplicationScoped
public class TextChat {

    private final ChatSessions sessions;
    private final GatewayMetrics metrics;
    private final Tracer tracer;
    private final ChatTurn.Settings settings;

    TextChat(ChatSessions sessions, ToolRunner tools, ChatConfig config, GatewayMetrics metrics, Tracer tracer) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.tracer = tracer;
        this.settings = new ChatTurn.Settings(tools, sessions.modelName(), config.maxToolRounds());
    }

    /**
     * The events of the answer to {@code message}. The caller has claimed the session ({@link ChatSession#begin()});
     * it is released when the answer ends, or when the client goes away (the turn is then cancelled and forgotten).
     */
    public Multi<ChatEvent> answer(ChatSession session, String message) {
        return Multi.createFrom().emitter(events -> {
            events.emit(new ChatEvent.Started(session.id(), settings.modelName()));
            Span span = tracer.spanBuilder("chat.turn").setAttribute("chat.session.id", session.id())
                    .setAttribute("chat.model", settings.modelName()).startSpan();
            long started = System.nanoTime();
            AtomicBoolean over = new AtomicBoolean();
            ChatTurn turn = new ChatTurn(session, settings, events, span);
            Cancellable running = turn.run(message).subscribe().with(outcome -> {
                if (over.compareAndSet(false, true)) {
                    metrics.chatTurn(settings.modelName(), outcome, Duration.ofNanos(System.nanoTime() - started));
                    span.end();
                    session.finish();
                    if (turn.ended()) {
                        sessions.end(session);
                    }
                    events.complete();
                }
            });
            events.onTermination(() -> {
                if (over.compareAndSet(false, true)) { // the client went away before the answer was complete
                    running.cancel();
                    session.conversation().forgetTurn();
                    metrics.chatTurn(settings.modelName(), "client_left", Duration.ofNanos(System.nanoTime() - started));
                    span.end();
                    session.finish();
                }
            });
        });
    }
}
