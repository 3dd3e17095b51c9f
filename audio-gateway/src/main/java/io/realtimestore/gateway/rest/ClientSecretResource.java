package io.realtimestore.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.realtimestore.gateway.config.GatewayConfig;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.security.GatewayApiKey;
import io.realtimestore.gateway.session.SessionPolicy;
import io.realtimestore.gateway.upstream.ClientSecretEndpoint;
import io.realtimestore.gateway.upstream.Upstream;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /api/realtime/client-secrets}: for clients that talk to the provider directly over WebRTC. The gateway
 * asks the provider for an ephemeral client secret bound to the server's instructions and tools, so the provider
 * key never leaves the gateway.
 */
@Path("/api/realtime/client-secrets")
public class ClientSecretResource {

    private final GatewayApiKey apiKey;
    private final Upstream upstream;
    private final SessionPolicy policy;
    private final GatewayConfig config;
    private final WebClient http;

    ClientSecretResource(GatewayApiKey apiKey, Upstream upstream, SessionPolicy policy, GatewayConfig config, Vertx vertx) {
        this.apiKey = apiKey;
        this.upstream = upstream;
        this.policy = policy;
        this.config = config;
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000));
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> mint(@HeaderParam("X-Api-Key") String key) {
        if (!apiKey.matches(key)) {
            return Uni.createFrom().item(Problems.missingKey());
        }
        Optional<ClientSecretEndpoint> endpoint = upstream.clientSecrets();
        if (endpoint.isEmpty()) {
            return Uni.createFrom().item(Problems.problem(Response.Status.CONFLICT, "the '" + upstream.name()
                    + "' upstream has no client secrets: WebRTC needs REALTIME_UPSTREAM=azure or openai"));
        }
        ClientSecretEndpoint target = endpoint.get();
        ObjectNode session = policy.initialSession();
        if (target.model() != null) {
            session.put("model", target.model());
        }
        ObjectNode body = Events.JSON.createObjectNode();
        body.putObject("expires_after").put("anchor", "created_at")
                .put("seconds", Math.max(10, config.tokens().ttl().toSeconds()));
        body.set("session", session);
        return target.headers().chain(headers -> {
            HttpRequest<Buffer> request = http.postAbs(target.uri().toString()).timeout(Duration.ofSeconds(10).toMillis());
            headers.forEach(request::putHeader);
            return request.sendJsonObject(new JsonObject(Events.write(body)));
        }).map(reply -> {
            if (reply.statusCode() / 100 == 2) {
                return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                        .entity(reply.bodyAsString()).build();
            }
            // The provider's body may echo request details; only its status is passed on.
            Log.warnf("Client secret request to %s failed with HTTP %d", upstream.name(), reply.statusCode());
            return Problems.problem(Response.Status.BAD_GATEWAY, "the " + upstream.name()
                    + " Realtime service refused the client secret request (HTTP " + reply.statusCode() + ")");
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Client secret request to %s failed: %s", upstream.name(), failure.getClass().getSimpleName());
            return Problems.problem(Response.Status.BAD_GATEWAY, "the " + upstream.name()
                    + " Realtime service could not be reached for a client secret");
        });
    }
}
