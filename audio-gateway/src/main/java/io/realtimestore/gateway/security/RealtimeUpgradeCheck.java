package io.realtimestore.gateway.security;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.realtimestore.gateway.config.GatewayConfig;
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

    private final GatewayConfig config;
    private final GatewayApiKey apiKey;
    private final ClientTokens tokens;
    private final SessionRegistry sessions;

    RealtimeUpgradeCheck(GatewayConfig config, GatewayApiKey apiKey, ClientTokens tokens, SessionRegistry sessions) {
        this.config = config;
        this.apiKey = apiKey;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RealtimeEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin != null && !config.allowedOrigins().contains(origin)) {
            Log.infof("Realtime upgrade refused: origin %s is not in GATEWAY_ALLOWED_ORIGINS", sanitize(origin));
            return CheckResult.rejectUpgrade(403, reason("origin not allowed"));
        }
        Optional<PresentedCredential> credential = PresentedCredential.of(request);
        if (credential.isEmpty()) {
            return CheckResult.rejectUpgrade(401, challenge("missing credentials: send a token from "
                    + "POST /api/realtime/sessions (Authorization: Bearer, subprotocol realtime-store.token.<token> "
                    + "or ?token=) or the X-Api-Key header"));
        }
        ClientIdentity identity;
        try {
            identity = identify(credential.get(), request);
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

    private ClientIdentity identify(PresentedCredential credential, HttpServerRequest request)
            throws ClientTokens.TokenRejected {
        if (credential.kind() != PresentedCredential.Kind.TOKEN && apiKey.matches(credential.value())) {
            return new ClientIdentity("trusted:" + request.remoteAddress().hostAddress(), true);
        }
        if (credential.kind() == PresentedCredential.Kind.API_KEY) {
            throw new ClientTokens.TokenRejected(401, "API key is not valid");
        }
        ClientTokens.TokenIdentity token = tokens.verifyAndConsume(credential.value());
        return new ClientIdentity(token.client(), false);
    }

    private static Map<String, List<String>> challenge(String description) {
        return Map.of("WWW-Authenticate", List.of("Bearer realm=\"realtime\", error=\"invalid_token\", error_description=\""
                + description.replace('"', '\'') + "\""), "X-Realtime-Error", List.of(description));
    }

    private static Map<String, List<String>> reason(String description) {
        return Map.of("X-Realtime-Error", List.of(description));
    }

    private static String sanitize(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value.replaceAll("[\\r\\n]", "_");
    }
}
