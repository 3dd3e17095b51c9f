package io.realtimestore.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;

/** One open upstream session. */
public interface UpstreamConnection {

    /**
     * Queues an event for the upstream; {@code written} runs once it has been written (or failed), so the caller
     * can bound what is in flight. Deliberately not a Uni: this runs for every audio frame.
     */
    void send(String event, Runnable written);

    /** As {@link #send(String, Runnable)}, for an event already in UTF-8 (a relayed audio frame); takes the buffer. */
    default void send(ByteBuf utf8Event, Runnable written) {
        String event = utf8Event.toString(StandardCharsets.UTF_8);
        utf8Event.release();
        send(event, written);
    }

    Uni<Void> close(int code, String reason);

    boolean isOpen();
}
