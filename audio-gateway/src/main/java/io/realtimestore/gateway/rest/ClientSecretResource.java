package io.realtimestore.gateway.rest;

import io.realtimestore.gateway.calls.CallRefusedException;
import io.realtimestore.gateway.calls.WebRtcCalls;
import io.realtimestore.gateway.security.GatewayApiKey;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/realtime/client-secrets}: for clients that talk to the provider directly over WebRTC. The gateway
 * asks the provider for an ephemeral client secret bound to the server's instructions and tools, so the provider
 * key never leaves the gateway.
 */
@Path("/api/realtime/client-secrets")
public class ClientSecretResource {

    private final GatewayApiKey apiKey;
    private final WebRtcCalls calls;

    ClientSecretResource(GatewayApiKey apiKey, WebRtcCalls calls) {
        this.apiKey = apiKey;
        this.calls = calls;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> mint(@HeaderParam("X-Api-Key") String key) {
        if (!apiKey.matches(key)) {
            return Uni.createFrom().item(Problems.missingKey());
        }
        return Uni.createFrom().deferred(calls::mintSecret)
                .map(secret -> Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(secret.json()).build())
                .onFailure(CallRefusedException.class).recoverWithItem(failure -> Problems.refused((CallRefusedException) failure));
    }
}
