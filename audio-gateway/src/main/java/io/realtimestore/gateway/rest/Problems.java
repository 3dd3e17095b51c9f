package io.realtimestore.gateway.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem responses for the gateway's HTTP API. */
final class Problems {

    static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    private Problems() {
    }

    static Response problem(Response.Status status, String detail) {
        return problem(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    static Response refused(io.realtimestore.gateway.calls.CallRefusedException refused) {
        Response.Status status = Response.Status.fromStatusCode(refused.status());
        return problem(refused.status(), status == null ? "Refused" : status.getReasonPhrase(), refused.getMessage());
    }

    static Response missingKey() {
        return problem(Response.Status.UNAUTHORIZED, "send the gateway API key in the X-Api-Key header (GATEWAY_API_KEY)");
    }
}
