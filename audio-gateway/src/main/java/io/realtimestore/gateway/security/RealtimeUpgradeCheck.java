package io.realtimestore.gateway.security;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.realtimestore.gateway.session.SessionRegistry;
import io.realtimestore.gateway.ws.RealtimeEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything decided before the WebSocket upgrade, so a refused client never costs an upstream session:
 * browser origin (403), credentials (401; a reused token 403) and capacity (503 with Retry-After).
 */
@ApplicationScoped
public class RealtimeUpgradeCheck implements HttpUpgradeCheck {

    private final ClientAuthentication authentication;
    private final SessionRegistry sessions;

    RealtimeUpgradeCheck(ClientAuthentication authentication, SessionRegistry sessions) {
        this.authentication = authentication;
        this.sessions = sessions;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RealtimeEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!authentication.originAllowed(request)) {
            Log.infof("Realtime upgrade refused: origin %s is not in GATEWAY_ALLOWED_ORIGINS", sanitize(request.getHeader("Origin")));
            return CheckResult.rejectUpgrade(403, reason("origin not allowed"));
        }
        ClientIdentity identity;
        try {
            identity = authentication.identify(request);
        } catch (ClientTokens.TokenRejected rejected) {
            Log.debugf("Realtime upgrade refused (%d): %s", rejected.status(), rejected.getMessage());
            return CheckResult.rejectUpgrade(rejected.status(), rejected.status() == 401
                    ? challenge(rejected.getMessage())
                    : reason(rejected.getMessage()));
        }
        Optional<String> full = sessions.capacityProblem(identity.client());
        if (full.isPresent()) {
            Log.infof("Realtime upgrade refused (503): %s", full.get());
            return CheckResult.rejectUpgrade(503, Map.of("Retry-After", List.of("5"), "X-Realtime-Error", List.of(full.get())));
        }
        context.userData().put(ClientIdentity.KEY, identity);
        return CheckResult.permitUpgrade();
    }

    private static Map<String, List<String>> challenge(String description) {
        return Map.of("WWW-Authenticate", List.of(ClientTokens.bearerChallenge(description)), "X-Realtime-Error", List.of(description));
    }

    private static Map<String, List<String>> reason(String description) {
        return Map.of("X-Realtime-Error", List.of(description));
    }

    static String sanitize(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value.replaceAll("[\\r\\n]", "_");
    }
}
