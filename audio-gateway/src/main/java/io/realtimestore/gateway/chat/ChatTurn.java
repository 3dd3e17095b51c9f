package io.realtimestore.gateway.chat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.realtimestore.gateway.chat.ModelConversation.ModelReply;
import io.realtimestore.gateway.chat.ModelConversation.ToolResult;
import io.realtimestore.gateway.tools.ToolRunner;
import io.realtimestore.gateway.tools.ToolRunner.ToolRun;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.List;
import java.util.function.Consumer;

/**
 * One shopper message and its answer: the model's steps, with the tool calls of each step run in parallel and their
 * results fed back, until the model answers without tools. Text streams out as it comes, product cards as soon as
 * their tool returns. A failure ends the turn with an error event and the turn is forgotten; the conversation goes on.
 */
final class ChatTurn {

    private final ChatSession session;
    private final Settings services;
    private final MultiEmitter<? super ChatEvent> events;
    private final Span span;
    private final StringBuilder answer = new StringBuilder();
    private final Consumer<String> text;
    private volatile boolean ended;

    ChatTurn(ChatSession session, Settings services, MultiEmitter<? super ChatEvent> events, Span span) {
        this.session = session;
        this.services = services;
        this.events = events;
        this.span = span;
        this.text = delta -> {
            answer.append(delta);
            events.emit(new ChatEvent.TextDelta(delta));
        };
    }

    /** The whole turn; completes (never fails) once the last event has been emitted. */
    Uni<String> run(String message) {
        return steps(session.conversation().reply(message, text), 1)
                .map(ignored -> {
                    events.emit(new ChatEvent.Done(session.id(), answer.toString(), ended));
                    return "ok";
                })
                .onFailure().recoverWithItem(failure -> {
                    session.conversation().forgetTurn();
                    ChatEvent.Failed failed = ChatFailures.describe(failure, services.modelName());
                    span.setStatus(StatusCode.ERROR, failed.code());
                    events.emit(failed);
                    events.emit(new ChatEvent.Done(session.id(), answer.toString(), false));
                    return failed.code();
                });
    }

    private Uni<Void> steps(Uni<ModelReply> step, int round) {
        return step.flatMap(reply -> {
            if (reply.calls().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (round > services.maxToolRounds()) {
                return Uni.createFrom().failure(new IllegalStateException("the model asked for tools " + round
                        + " times in one answer"));
            }
            reply.calls().forEach(call -> events.emit(new ChatEvent.ToolStarted(call.callId(), call.name(), call.arguments())));
            List<Uni<ToolRun>> runs = reply.calls().stream().map(call -> services.tools().run(call, span).invoke(this::announce)).toList();
            return Uni.join().all(runs).andFailFast().flatMap(done -> steps(session.conversation().continueWith(
                    done.stream().map(run -> new ToolResult(run.call(), run.outcome().output())).toList(), text), round + 1));
        });
    }

    private void announce(ToolRun run) {
        if (run.outcome().endsConversation()) {
            ended = true;
        }
        if (!run.outcome().cards().isEmpty()) {
            events.emit(new ChatEvent.Products(run.call().name(), run.call().callId(), run.outcome().cards()));
        }
    }

    /** What every turn needs from the application. */
    record Settings(ToolRunner tools, String modelName, int maxToolRounds) {
    }

    boolean ended() {
        return ended;
    }
}
