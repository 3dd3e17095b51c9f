package io.realtimestore.gateway.security;

import io.quarkus.logging.Log;
import io.realtimestore.gateway.session.SessionRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Everything decided before the WebSocket upgrade, so a refused client never costs an upstream session:
 * browser origin (403), credentials (401; a reused token 403) and capacity (503 with Retry-After).
 */
@ApplicationScoped
public class RealtimeUpgradeCheck {

    private final ClientAuthentication authentication;
    private final SessionRegistry sessions;

    RealtimeUpgradeCheck(ClientAuthentication authentication, SessionRegistry sessions) {
        this.authentication = authentication;
        this.sessions = sessions;
    }

    public UpgradeDecision perform(HttpServerRequest request) {
        if (!authentication.originAllowed(request)) {
            Log.infof("Realtime upgrade refused: origin %s is not in GATEWAY_ALLOWED_ORIGINS", sanitize(request.getHeader("Origin")));
            return new UpgradeDecision.Refuse(403, "origin not allowed", Map.of());
        }
        ClientIdentity identity;
        try {
            identity = authentication.identify(request);
        } catch (ClientTokens.TokenRejected rejected) {
            Log.debugf("Realtime upgrade refused (%d): %s", rejected.status(), rejected.getMessage());
            return new UpgradeDecision.Refuse(rejected.status(), rejected.getMessage(), rejected.status() == 401
                    ? Map.of("WWW-Authenticate", ClientTokens.bearerChallenge(rejected.getMessage()))
                    : Map.of());
        }
        Optional<String> full = sessions.capacityProblem(identity.client());
        if (full.isPresent()) {
            Log.infof("Realtime upgrade refused (503): %s", full.get());
            return new UpgradeDecision.Refuse(503, full.get(), Map.of("Retry-After", "5"));
        }
        return new UpgradeDecision.Permit(identity);
    }

    static String sanitize(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value.replaceAll("[\\r\\n]", "_");
    }
}
