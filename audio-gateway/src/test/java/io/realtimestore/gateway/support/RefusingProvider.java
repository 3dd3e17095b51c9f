package io.realtimestore.gateway.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * A provider that refuses every Realtime handshake with the status in its path, the way Azure answers 429 when a
 * deployment's quota is used up or 401 to a wrong key: a plain HTTP answer instead of the 101 upgrade.
 */
@Path("/fake-refusing/{status}/v1/realtime")
public class RefusingProvider {

    @GET
    public Response refuse(@PathParam("status") int status) {
        return Response.status(status).header("Retry-After", "1")
                .entity("{\"error\":{\"code\":\"" + status + "\",\"message\":\"refused by the fake provider\"}}").build();
    }
}
