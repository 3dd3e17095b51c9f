package io.realtimestore.gateway.upstream;

import io.smallrye.mutiny.Uni;

/** One open upstream session. */
public interface UpstreamConnection {

    /**
     * Queues an event for the upstream; {@code written} runs once it has been written (or failed), so the caller
     * can bound what is in flight. Deliberately not a Uni: this runs for every audio frame.
     */
    void send(String event, Runnable written);

    Uni<Void> close(int code, String reason);

    boolean isOpen();
}
