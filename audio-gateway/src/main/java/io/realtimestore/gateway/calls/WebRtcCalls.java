package io.realtimestore.gateway.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.realtimestore.gateway.config.GatewayConfig;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.session.SessionPolicy;
import io.realtimestore.gateway.session.SidebandSessions;
import io.realtimestore.gateway.upstream.ClientSecretEndpoint;
import io.realtimestore.gateway.upstream.Upstream;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * WebRTC with the provider, keeping every credential in the gateway: ephemeral client secrets bound to the server's
 * session (instructions, tools), and whole calls — the gateway posts a browser's SDP offer to the provider with such a
 * secret, attaches to the new call's sideband to run the tools, and hands back only the SDP answer and the call id.
 */
@ApplicationScoped
public class WebRtcCalls {

    /** Provider call ids look like rtc_…; anything else is not put into a URL. */
    public static final Pattern CALL_ID = Pattern.compile("rtc_[A-Za-z0-9_-]{1,120}");
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);

    private final Upstream upstream;
    private final SessionPolicy policy;
    private final GatewayConfig config;
    private final SidebandSessions sidebands;
    private final WebClient http;

    WebRtcCalls(Upstream upstream, SessionPolicy policy, GatewayConfig config, SidebandSessions sidebands, Vertx vertx) {
        this.upstream = upstream;
        this.policy = policy;
        this.config = config;
        this.sidebands = sidebands;
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000));
    }

    /** The provider's answer to a client-secret request: its JSON as it was, and the secret itself. */
    public record MintedSecret(String json, String value) {
    }

    /** A call the provider accepted: its id and the SDP answer for the browser. */
    public record OpenedCall(String callId, String sdp) {
    }

    /** An ephemeral client secret bound to the server's session, valid for {@code GATEWAY_TOKEN_TTL}. */
    public Uni<MintedSecret> mintSecret() {
        ClientSecretEndpoint target = secretEndpoint();
        ObjectNode session = policy.initialSession();
        if (target.model() != null) {
            session.put("model", target.model());
        }
        ObjectNode body = Events.JSON.createObjectNode();
        body.putObject("expires_after").put("anchor", "created_at").put("seconds", Math.max(10, config.tokens().ttl().toSeconds()));
        body.set("session", session);
        return target.headers().chain(headers -> {
            HttpRequest<Buffer> request = http.postAbs(target.uri().toString()).timeout(PROVIDER_TIMEOUT.toMillis());
            headers.forEach(request::putHeader);
            return request.sendJsonObject(new JsonObject(Events.write(body)));
        }).onFailure().transform(failure -> unreachable("a client secret", failure)).map(reply -> {
            if (reply.statusCode() / 100 != 2) {
                // The provider's body may echo request details; only its status is passed on.
                throw refusedBy("the client secret request", reply.statusCode());
            }
            try {
                String json = reply.bodyAsString();
                String value = Events.parse(json).path("value").asText("");
                if (value.isEmpty()) {
                    throw new CallRefusedException(502, "the " + upstream.name() + " Realtime service answered without a client secret");
                }
                return new MintedSecret(json, value);
            } catch (IOException unreadable) {
                throw new CallRefusedException(502, "the " + upstream.name() + " Realtime service's client secret was unreadable");
            }
        });
    }

    /** Opens a call for a browser's SDP offer and attaches the gateway to it; the answer goes back to the browser. */
    public Uni<OpenedCall> open(String offer) {
        URI calls = callsUri();
        return mintSecret().chain(secret -> http.postAbs(calls.toString()).timeout(PROVIDER_TIMEOUT.toMillis())
                .putHeader("Authorization", "Bearer " + secret.value())
                .putHeader("Content-Type", "application/sdp")
                .sendBuffer(Buffer.buffer(offer))
                .onFailure().transform(failure -> unreachable("the call", failure)))
                .map(reply -> {
                    if (reply.statusCode() / 100 != 2) {
                        throw refusedBy("the call", reply.statusCode());
                    }
                    String location = reply.getHeader("Location");
                    String callId = location == null ? "" : location.substring(location.lastIndexOf('/') + 1);
                    if (!CALL_ID.matcher(callId).matches()) {
                        throw new CallRefusedException(502, "the " + upstream.name() + " Realtime service opened a call without a call id");
                    }
                    return new OpenedCall(callId, reply.bodyAsString());
                })
                .call(call -> sidebands.attach(call.callId()).onFailure().transform(failure -> {
                    Log.warnf("Call %s was opened but the gateway could not attach to it: %s", call.callId(), failure.getMessage());
                    return new CallRefusedException(502, "the call was opened but the gateway could not attach to it: "
                            + failure.getMessage());
                }));
    }

    private ClientSecretEndpoint secretEndpoint() {
        return upstream.clientSecrets().orElseThrow(() -> new CallRefusedException(409, "the '" + upstream.name()
                + "' upstream has no WebRTC: it needs REALTIME_UPSTREAM=azure, openai or url"));
    }

    /** The provider's calls endpoint sits next to its client-secrets endpoint ({@code …/realtime/calls}). */
    private URI callsUri() {
        String secrets = secretEndpoint().uri().toString();
        return URI.create(secrets.substring(0, secrets.lastIndexOf('/') + 1) + "calls");
    }

    private CallRefusedException refusedBy(String what, int status) {
        Log.warnf("The %s Realtime service refused %s with HTTP %d", upstream.name(), what, status);
        return new CallRefusedException(502, "the " + upstream.name() + " Realtime service refused " + what + " (HTTP " + status + ")");
    }

    private Throwable unreachable(String what, Throwable failure) {
        if (failure instanceof CallRefusedException refused) {
            return refused;
        }
        Log.warnf("The %s Realtime service could not be reached for %s: %s", upstream.name(), what, failure.getClass().getSimpleName());
        return new CallRefusedException(502, "the " + upstream.name() + " Realtime service could not be reached for " + what);
    }
}
