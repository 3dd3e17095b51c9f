package io.realtimestore.gateway.upstream;

import io.smallrye.mutiny.Uni;

/** One open upstream session. */
public interface UpstreamConnection {

    Uni<Void> send(String event);

    Uni<Void> close(int code, String reason);

    boolean isOpen();
}
