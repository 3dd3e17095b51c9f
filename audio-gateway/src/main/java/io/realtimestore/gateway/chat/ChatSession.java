package io.realtimestore.gateway.chat;

import java.util.concurrent.atomic.AtomicBoolean;

/** One text conversation: its model side, who may continue it, and whether a turn is running (one at a time). */
public final class ChatSession {

    private final String id;
    private final String owner;
    private final ModelConversation conversation;
    private final AtomicBoolean busy = new AtomicBoolean();

    ChatSession(String id, String owner, ModelConversation conversation) {
        this.id = id;
        this.owner = owner;
        this.conversation = conversation;
    }

    public String id() {
        return id;
    }

    String owner() {
        return owner;
    }

    ModelConversation conversation() {
        return conversation;
    }

    /** Claims the session for a turn; false when one is already running. */
    public boolean begin() {
        return busy.compareAndSet(false, true);
    }

    void finish() {
        busy.set(false);
    }
}
