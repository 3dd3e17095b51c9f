package io.realtimestore.gateway.chat;

/**
 * The model failed after it had already streamed text to the shopper: retrying would repeat that text, so such a
 * failure is never retried.
 */
final class PartialAnswerException extends RuntimeException {

    PartialAnswerException(Throwable cause) {
        super("the chat model failed in the middle of its answer", cause, false, false);
    }
}
