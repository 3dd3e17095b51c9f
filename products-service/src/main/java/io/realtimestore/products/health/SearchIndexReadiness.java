package io.realtimestore.products.health;

import io.realtimestore.products.search.CatalogIndex;
import io.realtimestore.products.search.IndexSynchronizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the search index is being built from the database at start, or if building it failed. */
@Readiness
@ApplicationScoped
public class SearchIndexReadiness implements HealthCheck {

    private final CatalogIndex index;
    private final IndexSynchronizer synchronizer;

    SearchIndexReadiness(CatalogIndex index, IndexSynchronizer synchronizer) {
        this.index = index;
        this.synchronizer = synchronizer;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("search-index");
        if (index.isReady()) {
            return response.up().withData("products", index.size()).build();
        }
        String failure = synchronizer.startFailure();
        return response.down().withData("state", failure == null ? "building" : "failed: " + failure).build();
    }
}
