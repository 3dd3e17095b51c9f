package io.realtimestore.gateway.rest;

import io.realtimestore.gateway.calls.WebRtcCalls;
import io.realtimestore.gateway.security.GatewayApiKey;
import io.realtimestore.gateway.session.SidebandRefusedException;
import io.realtimestore.gateway.session.SidebandSessions;
import io.realtimestore.gateway.upstream.UpstreamUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /api/realtime/calls/{callId}/sideband}: a trusted caller (the store's backend) reports a WebRTC call that
 * a browser opened with the provider using a client secret from {@code /api/realtime/client-secrets}; the gateway
 * attaches to it and runs the product tools the model calls, as it does for relayed sessions.
 */
@Path("/api/realtime/calls/{callId}/sideband")
public class CallSidebandResource {

    private final GatewayApiKey apiKey;
    private final SidebandSessions sidebands;

    CallSidebandResource(GatewayApiKey apiKey, SidebandSessions sidebands) {
        this.apiKey = apiKey;
        this.sidebands = sidebands;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> attach(@HeaderParam("X-Api-Key") String key, @PathParam("callId") String callId) {
        if (!apiKey.matches(key)) {
            return Uni.createFrom().item(Problems.missingKey());
        }
        if (!WebRtcCalls.CALL_ID.matcher(callId).matches()) {
            return Uni.createFrom().item(Problems.problem(Response.Status.BAD_REQUEST,
                    "callId must be the provider's call id (rtc_ followed by letters, digits, _ or -)"));
        }
        return sidebands.attach(callId)
                .map(attached -> Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("call_id", callId, "status", "attached")).build())
                .onFailure(UpstreamUnavailableException.class).recoverWithItem(failure -> Problems.problem(
                        Response.Status.BAD_GATEWAY, "could not attach to the call: " + failure.getMessage()))
                .onFailure(SidebandRefusedException.class).recoverWithItem(failure -> Problems.problem(
                        Response.Status.CONFLICT, failure.getMessage()));
    }
}
