package io.realtimestore.gateway.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.realtimestore.gateway.config.ChatConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A streaming chat model with the guards a shopper-facing call needs: a watchdog that fails the call when the model
 * sends nothing for {@code chat.model-timeout} (first piece included), retries for failures that happened before
 * any text reached the shopper, and one circuit breaker for all conversations, so a failing model is not hammered
 * and shoppers hear at once that it is unavailable.
 */
final class GuardedChatModel {

    private final StreamingChatModel model;
    private final Vertx vertx;
    private final long timeoutMillis;
    private final TypedGuard<Uni<AiMessage>> guard;

    GuardedChatModel(StreamingChatModel model, Vertx vertx, ChatConfig config) {
        this.model = model;
        this.vertx = vertx;
        this.timeoutMillis = config.modelTimeout().toMillis();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<AiMessage>>() {
        })
                .withDescription("chat-model")
                .withRetry().maxRetries(config.maxRetries()).delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .whenException(GuardedChatModel::retriable).done()
                .withCircuitBreaker().requestVolumeThreshold(config.circuitRequestVolume())
                .failureRatio(config.circuitFailureRatio()).delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /** The model's message for {@code request}; text pieces go to {@code text} as they stream in. */
    Uni<AiMessage> chat(ChatRequest request, Consumer<String> text) {
        AtomicBoolean spoke = new AtomicBoolean();
        return guard.get(() -> Uni.createFrom().emitter(emitter -> attempt(request, text, spoke, emitter)));
    }

    /**
     * Failures before any text are retried, except refusals (bad key, bad request, filtered content) and timeouts:
     * a model that stayed silent for the whole timeout is overloaded, and the shopper has already waited long enough.
     */
    private static boolean retriable(Throwable failure) {
        return !(failure instanceof PartialAnswerException) && !(failure instanceof NonRetriableException)
                && !(failure instanceof ModelTimeoutException) && !(failure instanceof dev.langchain4j.exception.TimeoutException);
    }

    private void attempt(ChatRequest request, Consumer<String> text, AtomicBoolean spoke, UniEmitter<? super AiMessage> emitter) {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicLong watchdog = new AtomicLong(-1);
        Runnable rearm = () -> {
            vertx.cancelTimer(watchdog.get());
            watchdog.set(vertx.setTimer(timeoutMillis, fired -> {
                if (finished.compareAndSet(false, true)) {
                    cancel(handle.get());
                    emitter.fail(failure(new ModelTimeoutException(timeoutMillis), spoke));
                }
            }));
        };
        emitter.onTermination(() -> {
            vertx.cancelTimer(watchdog.get());
            if (finished.compareAndSet(false, true)) {
                cancel(handle.get()); // the shopper went away: stop paying for tokens nobody reads
            }
        });
        rearm.run();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (finished.get()) {
                    cancel(context.streamingHandle());
                    return;
                }
                rearm.run();
                if (partial.text() != null && !partial.text().isEmpty()) {
                    spoke.set(true);
                    text.accept(partial.text());
                }
            }

            @Override
            public void onPartialToolCall(PartialToolCall partial) {
                rearm.run(); // arguments streaming in are progress too
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                if (finished.compareAndSet(false, true)) {
                    vertx.cancelTimer(watchdog.get());
                    emitter.complete(response.aiMessage());
                }
            }

            @Override
            public void onError(Throwable error) {
                if (finished.compareAndSet(false, true)) {
                    vertx.cancelTimer(watchdog.get());
                    emitter.fail(failure(error, spoke));
                }
            }
        };
        try {
            model.chat(request, handler);
        } catch (RuntimeException refused) {
            handler.onError(refused);
        }
    }

    private static Throwable failure(Throwable error, AtomicBoolean spoke) {
        return spoke.get() ? new PartialAnswerException(error) : error;
    }

    private static void cancel(StreamingHandle handle) {
        if (handle != null && !handle.isCancelled()) {
            handle.cancel();
        }
    }
}
