package io.realtimestore.gateway.chat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.RateLimitException;
import io.quarkus.logging.Log;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * What a shopper is told when a chat turn fails. The model's own error text is logged for operators, never shown:
 * it may name endpoints and deployments.
 */
final class ChatFailures {

    static final String UNAVAILABLE = "model_unavailable";
    static final String TIMEOUT = "model_timeout";
    static final String RATE_LIMITED = "model_rate_limited";
    static final String REFUSED = "model_refused";
    static final String FAILED = "model_failed";

    private ChatFailures() {
    }

    static ChatEvent.Failed describe(Throwable failure, String model) {
        Throwable cause = failure instanceof PartialAnswerException partial && partial.getCause() != null ? partial.getCause() : failure;
        ChatEvent.Failed described = switch (cause) {
            case CircuitBreakerOpenException open -> new ChatEvent.Failed(UNAVAILABLE,
                    "The assistant is unavailable at the moment. Please try again in a minute.");
            case ModelTimeoutException slow -> tooSlow();
            case dev.langchain4j.exception.TimeoutException slow -> tooSlow(); // the HTTP client's own timeout
            case RateLimitException busy -> new ChatEvent.Failed(RATE_LIMITED,
                    "The assistant is handling too many conversations right now. Please try again in a moment.");
            case AuthenticationException refused -> new ChatEvent.Failed(UNAVAILABLE,
                    "The assistant is unavailable: the store's chat service is not set up correctly. Please try again later.");
            case ContentFilteredException filtered -> new ChatEvent.Failed(REFUSED,
                    "The assistant cannot answer that. Please ask about products in the store.");
            default -> new ChatEvent.Failed(FAILED, "The assistant could not answer just now. Please try again.");
        };
        if (cause instanceof AuthenticationException) {
            Log.errorf("Text chat: %s refused the gateway's credentials (check AZURE_OPENAI_API_KEY / the managed "
                    + "identity's role, or OPENAI_API_KEY): %s", model, cause.getClass().getSimpleName());
        } else {
            Log.warnf("Text chat: %s failed (%s): %s", model, described.code(), String.valueOf(cause.getMessage()));
        }
        return described;
    }

    /** Our watchdog and the HTTP client's timeout are the same trouble for the shopper. */
    private static ChatEvent.Failed tooSlow() {
        return new ChatEvent.Failed(TIMEOUT, "The assistant took too long to answer. Please try again.");
    }
}
