package io.realtimestore.gateway.session;

import io.opentelemetry.api.trace.Tracer;
import io.realtimestore.gateway.config.GatewayConfig;
import io.realtimestore.gateway.telemetry.GatewayMetrics;
import io.realtimestore.gateway.tools.ToolRunner;
import io.realtimestore.gateway.upstream.Upstream;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/** What every session needs from the application, handed over in one piece. */
@Singleton // no client proxy: sessions read the fields directly
public class SessionServices {

    final GatewayConfig.Limits limits;
    final SessionPolicy policy;
    final ToolRunner toolRunner;
    final GatewayMetrics metrics;
    final SessionRegistry registry;
    final Upstream upstream;
    final Vertx vertx;
    final Tracer tracer;

    SessionServices(GatewayConfig config, SessionPolicy policy, ToolRunner toolRunner, GatewayMetrics metrics,
            SessionRegistry registry, Upstream upstream, Vertx vertx, Tracer tracer) {
        this.limits = config.limits();
        this.policy = policy;
        this.toolRunner = toolRunner;
        this.metrics = metrics;
        this.registry = registry;
        this.upstream = upstream;
        this.vertx = vertx;
        this.tracer = tracer;
    }
}
