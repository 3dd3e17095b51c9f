package io.realtimestore.gateway.session;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.realtimestore.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions: enforces the caps (in total and per client) and, once a second, the time limits
 * (maximum duration with an advance warning, idle timeout). Sessions hold their own state; this holds only
 * the index.
 */
@ApplicationScoped
public class SessionRegistry {

    private final GatewayConfig.Limits limits;
    private final Map<String, RealtimeSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Integer> perClient = new HashMap<>();
    private long timer = -1;

    SessionRegistry(GatewayConfig config) {
        this.limits = config.limits();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        timer = vertx.setPeriodic(1000, id -> sessions.values().forEach(RealtimeSession::checkTimeLimits));
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        sessions.values().forEach(session -> session.end(1001, "gateway is shutting down", "server_shutdown"));
    }

    /** Why a new session for this client would be refused now, if it would (checked before the upgrade). */
    public synchronized Optional<String> capacityProblem(String client) {
        if (sessions.size() >= limits.maxSessions()) {
            return Optional.of("the gateway is at its session limit (" + limits.maxSessions() + "); try again shortly");
        }
        if (perClient.getOrDefault(client, 0) >= limits.maxSessionsPerClient()) {
            return Optional.of("this client already has " + limits.maxSessionsPerClient()
                    + " open sessions, the most allowed");
        }
        return Optional.empty();
    }

    /** Admits a session atomically (two upgrades may pass the pre-check together). */
    synchronized boolean admit(RealtimeSession session) {
        if (capacityProblem(session.client()).isPresent()) {
            return false;
        }
        sessions.put(session.id(), session);
        perClient.merge(session.client(), 1, Integer::sum);
        return true;
    }

    synchronized void release(RealtimeSession session) {
        if (sessions.remove(session.id()) != null) {
            perClient.computeIfPresent(session.client(), (client, count) -> count > 1 ? count - 1 : null);
        }
    }

    public int activeCount() {
        return sessions.size();
    }
}
