package io.realtimestore.gateway.chat;

/** The chat model sent nothing for longer than {@code chat.model-timeout}. */
final class ModelTimeoutException extends RuntimeException {

    ModelTimeoutException(long millis) {
        super("the chat model sent nothing for " + millis + " ms", null, false, false);
    }
}
