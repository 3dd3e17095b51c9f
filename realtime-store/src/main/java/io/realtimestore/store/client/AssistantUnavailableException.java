package io.realtimestore.store.client;

/** No voice session can be started now; the message is for the shopper and names no secret. */
public class AssistantUnavailableException extends RuntimeException {

    public AssistantUnavailableException(String message) {
        super(message);
    }
}
