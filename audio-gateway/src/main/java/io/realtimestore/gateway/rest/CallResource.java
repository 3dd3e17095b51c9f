package io.realtimestore.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimestore.gateway.calls.CallRefusedException;
import io.realtimestore.gateway.calls.WebRtcCalls;
import io.realtimestore.gateway.security.GatewayApiKey;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/realtime/calls}: a trusted caller (the store's backend) hands over a browser's SDP offer; the gateway
 * opens the WebRTC call with the provider, attaches to it to run the tools, and returns the SDP answer. The browser
 * never holds a provider credential, not even an ephemeral one.
 */
@Path("/api/realtime/calls")
public class CallResource {

    private final GatewayApiKey apiKey;
    private final WebRtcCalls calls;

    CallResource(GatewayApiKey apiKey, WebRtcCalls calls) {
        this.apiKey = apiKey;
        this.calls = calls;
    }

    /** What the browser needs to complete its peer connection, and the id to name the call by. */
    public record CallAnswer(@JsonProperty("call_id") String callId, String sdp) {
    }

    @POST
    @Consumes("application/sdp")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> open(@HeaderParam("X-Api-Key") String key, String offer) {
        if (!apiKey.matches(key)) {
            return Uni.createFrom().item(Problems.missingKey());
        }
        if (offer == null || !offer.startsWith("v=0") || !offer.contains("m=audio")) {
            return Uni.createFrom().item(Problems.problem(Response.Status.BAD_REQUEST,
                    "the body must be the browser's SDP offer (starting v=0, with an audio m-line)"));
        }
        return Uni.createFrom().deferred(() -> calls.open(offer))
                .map(call -> Response.status(Response.Status.CREATED).entity(new CallAnswer(call.callId(), call.sdp())).build())
                .onFailure(CallRefusedException.class).recoverWithItem(failure -> Problems.refused((CallRefusedException) failure));
    }
}
