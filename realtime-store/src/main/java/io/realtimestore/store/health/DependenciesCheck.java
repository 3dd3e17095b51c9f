package io.realtimestore.store.health;

import io.realtimestore.store.client.GatewayClient;
import io.realtimestore.store.client.ProductsClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether the catalog answers and whether the voice assistant is set up, but stays UP either way: the store
 * degrades (pages say the catalog is unavailable, the panel offers text or explains) rather than leaving the load
 * balancer with no replica at all while products-service restarts.
 */
@Readiness
@ApplicationScoped
public class DependenciesCheck implements AsyncHealthCheck {

    private final ProductsClient products;
    private final GatewayClient gateway;

    DependenciesCheck(ProductsClient products, GatewayClient gateway) {
        this.products = products;
        this.gateway = gateway;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return products.categories()
                .map(categories -> "reachable (" + categories.size() + " categories)")
                .onFailure().recoverWithItem(failure -> "unavailable: " + failure.getMessage())
                .map(catalog -> HealthCheckResponse.named("store dependencies").up()
                        .withData("catalog", catalog)
                        .withData("assistant", gateway.configured() ? "configured" : "not configured: set GATEWAY_API_KEY")
                        .build());
    }
}
