package io.realtimestore.gateway.session;

import io.quarkus.runtime.ShutdownEvent;
import io.realtimestore.gateway.upstream.UpstreamUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sidebands the gateway holds on WebRTC calls (one per call), within the same total cap as relayed sessions and
 * ended at the same maximum duration.
 */
@ApplicationScoped
public class SidebandSessions {

    private final SessionServices services;
    private final Map<String, SidebandSession> calls = new ConcurrentHashMap<>();

    SidebandSessions(SessionServices services) {
        this.services = services;
    }

    /** What refuses an attach now: the call is already attached, or the gateway is at its session cap. */
    private Optional<String> refusal(String callId) {
        if (calls.containsKey(callId)) {
            return Optional.of("the gateway is already attached to call " + callId);
        }
        if (calls.size() + services.registry.activeCount() >= services.limits.maxSessions()) {
            return Optional.of("the gateway is at its session limit (" + services.limits.maxSessions() + "); try again shortly");
        }
        return Optional.empty();
    }

    /**
     * Attaches to the call. The Uni fails with {@link SidebandRefusedException} when the call is already attached or
     * the cap is reached, and with {@link UpstreamUnavailableException} when the provider refuses.
     */
    public Uni<Void> attach(String callId) {
        SidebandSession session;
        synchronized (this) {
            Optional<String> refused = refusal(callId);
            if (refused.isPresent()) {
                return Uni.createFrom().failure(new SidebandRefusedException(refused.get()));
            }
            session = new SidebandSession(callId, services, () -> calls.remove(callId));
            calls.put(callId, session);
        }
        return services.upstream.sideband(callId, session)
                .orElseGet(() -> Uni.createFrom().failure(new UpstreamUnavailableException("the '" + services.upstream.name()
                        + "' upstream has no WebRTC calls")))
                .invoke(connection -> session.connected(connection,
                        services.vertx.setTimer(services.limits.maxSessionDuration().toMillis(), timer -> session.close("maximum duration"))))
                .onFailure().invoke(failure -> calls.remove(callId))
                .replaceWithVoid();
    }

    public int activeCount() {
        return calls.size();
    }

    void stop(@Observes ShutdownEvent event) {
        calls.values().forEach(session -> session.close("gateway is shutting down"));
    }
}
