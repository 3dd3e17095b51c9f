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

/**
 * The audio-gateway's endpoints for trusted callers (DESIGN.md §6): short-lived, single-use client tokens, and WebRTC
 * calls opened with the provider for a browser's SDP offer.
 */
@RegisterRestClient(configKey = "gateway")
@Path("/api/realtime")
public interface GatewayApi {

    @POST
    @Path("/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ClientToken> mint(@HeaderParam("X-Api-Key") String apiKey, TokenRequest request);

    @POST
    @Path("/calls")
    @Consumes("application/sdp")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CallAnswer> openCall(@HeaderParam("X-Api-Key") String apiKey, String offer);

    /** {@code client} names the shopper for the gateway's per-client session cap. */
    record TokenRequest(String client) {
    }

    record ClientToken(String token, @JsonProperty("expires_at") long expiresAt) {
    }

    /** The provider's SDP answer for the browser, and the call's id. */
    record CallAnswer(@JsonProperty("call_id") String callId, String sdp) {
    }
}
