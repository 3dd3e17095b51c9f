package io.realtimestore.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimestore.gateway.security.ClientTokens;
import io.realtimestore.gateway.security.GatewayApiKey;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/realtime/sessions}: a trusted caller (the store's backend) mints a short-lived, single-use token
 * that a browser or device uses to open {@code /v1/realtime}. The caller may name the client (for per-client caps).
 */
@Path("/api/realtime/sessions")
public class RealtimeSessionResource {

    private final GatewayApiKey apiKey;
    private final ClientTokens tokens;

    RealtimeSessionResource(GatewayApiKey apiKey, ClientTokens tokens) {
        this.apiKey = apiKey;
        this.tokens = tokens;
    }

    public record SessionRequest(String client) {
    }

    public record SessionToken(String token, @JsonProperty("expires_at") long expiresAt, String client) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response mint(@HeaderParam("X-Api-Key") String key, SessionRequest request) {
        if (!apiKey.matches(key)) {
            return Problems.missingKey();
        }
        String client = request == null || request.client() == null || request.client().isBlank()
                ? "anonymous"
                : request.client().strip();
        if (client.length() > 100 || !client.matches("[\\w.@:+-]+")) {
            return Problems.problem(Response.Status.BAD_REQUEST,
                    "client must be 1 to 100 letters, digits or . _ @ : + - (an id for per-client session caps)");
        }
        ClientTokens.MintedToken minted = tokens.mint(client);
        return Response.status(Response.Status.CREATED)
                .entity(new SessionToken(minted.token(), minted.expiresAt().getEpochSecond(), client)).build();
    }
}
