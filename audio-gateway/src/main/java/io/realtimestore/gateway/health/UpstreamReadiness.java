package io.realtimestore.gateway.health;

import io.realtimestore.gateway.upstream.Upstream;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the upstream is configured and its host accepts TCP connections (no Realtime session is opened:
 * that would cost money on every probe).
 */
@Readiness
@ApplicationScoped
public class UpstreamReadiness implements AsyncHealthCheck {

    private final Upstream upstream;
    private final NetClient net;

    UpstreamReadiness(Upstream upstream, Vertx vertx) {
        this.upstream = upstream;
        this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        var response = HealthCheckResponse.named("realtime-upstream").withData("upstream", upstream.name());
        upstream.degradedReason().ifPresent(reason -> response.withData("degraded", reason));
        Optional<String> problem = upstream.unavailableReason();
        if (problem.isPresent()) {
            return Uni.createFrom().item(response.down().withData("reason", problem.get()).build());
        }
        Optional<URI> address = upstream.address();
        if (address.isEmpty()) {
            return Uni.createFrom().item(response.up().build());
        }
        URI uri = address.get();
        int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
        return net.connect(port, uri.getHost())
                .call(socket -> socket.close())
                .map(socket -> response.up().withData("host", uri.getHost() + ":" + port).build())
                .onFailure().recoverWithItem(failure -> response.down().withData("host", uri.getHost() + ":" + port)
                        .withData("reason", "cannot connect: " + failure.getClass().getSimpleName()).build());
    }
}
