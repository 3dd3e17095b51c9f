package io.realtimestore.gateway.security;

import io.realtimestore.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Who is calling, for every client-facing entry point ({@code /v1/realtime}, {@code /v1/chat}): a browser origin
 * must be on the allowlist, and the caller presents either the gateway API key (trusted) or a single-use token
 * minted by {@code POST /api/realtime/sessions} (the client it was minted for).
 */
@ApplicationScoped
public class ClientAuthentication {

    public static final String MISSING = "missing credentials: send a token from POST /api/realtime/sessions "
            + "(Authorization: Bearer, subprotocol realtime-store.token.<token> or ?token=) or the X-Api-Key header";

    private final GatewayConfig config;
    private final GatewayApiKey apiKey;
    private final ClientTokens tokens;

    ClientAuthentication(GatewayConfig config, GatewayApiKey apiKey, ClientTokens tokens) {
        this.config = config;
        this.apiKey = apiKey;
        this.tokens = tokens;
    }

    /** Requests without an Origin header are not from browsers and are judged by their credentials alone. */
    public boolean originAllowed(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        return origin == null || config.allowedOrigins().contains(origin);
    }

    /** The caller's identity; a token is consumed. Refusals carry their HTTP status (401, or 403 for a reused token). */
    public ClientIdentity identify(HttpServerRequest request) throws ClientTokens.TokenRejected {
        Optional<PresentedCredential> presented = PresentedCredential.of(request);
        if (presented.isEmpty()) {
            throw new ClientTokens.TokenRejected(401, MISSING);
        }
        PresentedCredential credential = presented.get();
        if (credential.kind() != PresentedCredential.Kind.TOKEN && apiKey.matches(credential.value())) {
            return new ClientIdentity("trusted:" + request.remoteAddress().hostAddress(), true);
        }
        if (credential.kind() == PresentedCredential.Kind.API_KEY) {
            throw new ClientTokens.TokenRejected(401, "API key is not valid");
        }
        ClientTokens.TokenIdentity token = tokens.verifyAndConsume(credential.value());
        return new ClientIdentity(token.client(), false);
    }
}
