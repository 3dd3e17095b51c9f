package io.realtimestore.store.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The audio-gateway's token endpoint (DESIGN.md §6): trusted callers mint short-lived, single-use client tokens. */
@RegisterRestClient(configKey = "gateway")
@Path("/api/realtime/sessions")
public interface GatewayApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ClientToken> mint(@HeaderParam("X-Api-Key") String apiKey, TokenRequest request);

    /** {@code client} names the shopper for the gateway's per-client session cap. */
    record TokenRequest(String client) {
    }

    record ClientToken(String token, @JsonProperty("expires_at") long expiresAt) {
    }
}
