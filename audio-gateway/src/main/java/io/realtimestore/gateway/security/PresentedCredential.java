package io.realtimestore.gateway.security;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The one credential an upgrade request presents, wherever the client could put it: browsers cannot set headers,
 * so a token may also come as a WebSocket subprotocol or a query parameter. API keys are accepted only in
 * headers (query strings end up in access logs).
 */
public record PresentedCredential(Kind kind, String value) {

    public enum Kind {
        API_KEY, BEARER, TOKEN
    }

    /** Subprotocol carrying a token: {@code realtime-store.token.<token>}. */
    public static final String TOKEN_SUBPROTOCOL_PREFIX = "realtime-store.token.";
    /** What the OpenAI browser SDK sends; accepted for tokens so SDK users need no code change. */
    public static final String OPENAI_KEY_SUBPROTOCOL_PREFIX = "openai-insecure-api-key.";

    public static Optional<PresentedCredential> of(HttpServerRequest request) {
        String apiKey = firstNonBlank(request.getHeader("X-Api-Key"), request.getHeader("api-key"));
        if (apiKey != null) {
            return Optional.of(new PresentedCredential(Kind.API_KEY, apiKey));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // An SDK configured with the gateway key as its "API key" sends it as a bearer; a token works too.
            return Optional.of(new PresentedCredential(Kind.BEARER, authorization.substring(7).strip()));
        }
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            for (String offered : protocols.split(",")) {
                String protocol = offered.strip();
                if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) {
                    return Optional.of(new PresentedCredential(Kind.TOKEN, protocol.substring(TOKEN_SUBPROTOCOL_PREFIX.length())));
                }
                if (protocol.startsWith(OPENAI_KEY_SUBPROTOCOL_PREFIX)) {
                    return Optional.of(new PresentedCredential(Kind.TOKEN, protocol.substring(OPENAI_KEY_SUBPROTOCOL_PREFIX.length())));
                }
            }
        }
        String token = request.getParam("token");
        if (token != null && !token.isBlank()) {
            return Optional.of(new PresentedCredential(Kind.TOKEN, token.strip()));
        }
        return Optional.empty();
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.strip();
        }
        return second != null && !second.isBlank() ? second.strip() : null;
    }

    @Override
    public String toString() {
        return "PresentedCredential[" + kind + "]"; // never the value
    }
}
