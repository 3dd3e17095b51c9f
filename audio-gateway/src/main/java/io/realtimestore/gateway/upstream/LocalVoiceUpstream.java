package io.realtimestore.gateway.upstream;

import io.realtimestore.voice.LocalVoiceEngine;
import io.realtimestore.voice.realtime.LocalRealtimeSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The offline voice engine as an upstream: an in-process session per client, exchanging the same GA events as
 * Azure. The engine's events are handed to the client session's event loop, one by one and in order, so the
 * gateway treats them exactly like frames from a socket.
 */
final class LocalVoiceUpstream implements Upstream {

    private final LocalVoiceEngine engine;
    private final String defaultVoice;
    private final Duration sessionLifetime;

    LocalVoiceUpstream(LocalVoiceEngine engine, String defaultVoice, Duration sessionLifetime) {
        this.engine = engine;
        this.defaultVoice = defaultVoice;
        this.sessionLifetime = sessionLifetime;
    }

    LocalVoiceEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty(); // degraded parts (no recogniser, no Flite) still leave a working engine
    }

    @Override
    public Optional<String> degradedReason() {
        if (engine.catalogProducts() == 0) {
            return Optional.of("the catalog has not been read from products-service yet, so the assistant knows no "
                    + "category or brand names; " + engine.status().summary());
        }
        return engine.status().degraded() ? Optional.of(engine.status().summary()) : Optional.empty();
    }

    @Override
    public Uni<UpstreamConnection> connect(UpstreamListener listener) {
        Context sessionLoop = Vertx.currentContext();
        long expiresAt = Instant.now().plus(sessionLifetime).getEpochSecond();
        LocalRealtimeSession session = engine.openSession(defaultVoice, expiresAt, event -> {
            if (sessionLoop == null) {
                listener.onText(event);
            } else {
                sessionLoop.runOnContext(ignored -> listener.onText(event));
            }
        });
        return Uni.createFrom().item(new Connection(session));
    }

    private static final class Connection implements UpstreamConnection {

        private final LocalRealtimeSession session;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Connection(LocalRealtimeSession session) {
            this.session = session;
        }

        @Override
        public void send(String event, Runnable written) {
            if (open.get()) {
                session.accept(event);
            }
            written.run();
        }

        @Override
        public Uni<Void> close(int code, String reason) {
            if (open.compareAndSet(true, false)) {
                session.close();
            }
            return Uni.createFrom().voidItem();
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }
    }
}
