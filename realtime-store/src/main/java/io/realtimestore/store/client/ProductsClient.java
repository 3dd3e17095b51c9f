package io.realtimestore.store.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.logging.Log;
import io.realtimestore.dto.FacetCount;
import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchResponse;
import io.realtimestore.store.config.StoreConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The pages' access to products-service. Each call has a timeout and one retry, and all share a circuit breaker so
 * a catalog that is down costs a page milliseconds, not seconds. Invalid requests come back as
 * {@link CatalogRequestException} with products-service's own explanation; every other failure as
 * {@link CatalogUnavailableException}. Categories and brands are cached briefly: every page's filters use them.
 */
@ApplicationScoped
public class ProductsClient {

    private static final String UNAVAILABLE = "The catalog is unavailable right now. Please try again in a moment.";

    private final ProductsApi api;
    private final TypedGuard<Uni<Object>> guard;
    private final AsyncCache<String, List<FacetCount>> facets;

    ProductsClient(@RestClient ProductsApi api, StoreConfig config) {
        this.api = api;
        StoreConfig.Catalog catalog = config.catalog();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<Object>>() {
        })
                .withDescription("products-service")
                .withTimeout().duration(catalog.attemptTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(catalog.maxRetries()).delay(100, ChronoUnit.MILLIS).whenException(failure -> !ClientErrors.isRefusal(failure)).done()
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .when(failure -> !ClientErrors.isRefusal(failure)).done()
                .build();
        this.facets = Caffeine.newBuilder().expireAfterWrite(catalog.facetCacheTtl()).maximumSize(4).buildAsync();
    }

    public Uni<PageView<ProductView>> list(ProductListing listing) {
        return call(() -> api.list(listing.page(), listing.size(), listing.sort(), listing.category(), listing.brand(),
                listing.minPrice(), listing.maxPrice(), listing.inStockOnly() ? Boolean.TRUE : null));
    }

    public Uni<SearchResponse> search(String query, String mode, int limit) {
        return call(() -> api.search(query, mode, limit));
    }

    /** The product, or empty when products-service has no such id. */
    public Uni<Optional<ProductView>> product(long id) {
        return this.<ProductView>call(() -> api.product(id))
                .map(Optional::of)
                .onFailure(CatalogRequestException.class).recoverWithUni(failure -> isNotFound(failure)
                        ? Uni.createFrom().item(Optional.empty())
                        : Uni.createFrom().failure(failure));
    }

    public Uni<List<FacetCount>> categories() {
        return cachedFacets("categories", api::categories);
    }

    public Uni<List<FacetCount>> brands() {
        return cachedFacets("brands", api::brands);
    }

    /** products-service's drawn image, passed through as it answered (status, ETag, caching and security headers). */
    public Uni<Response> image(long id, String ifNoneMatch) {
        return call(() -> api.image(id, ifNoneMatch)
                .onFailure(WebApplicationException.class).recoverWithItem(failure -> ((WebApplicationException) failure).getResponse()));
    }

    private Uni<List<FacetCount>> cachedFacets(String key, Supplier<Uni<List<FacetCount>>> load) {
        return Uni.createFrom().completionStage(() -> facets.get(key, (k, executor) -> this.<List<FacetCount>>call(load)
                .subscribeAsCompletionStage()));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> call(Supplier<Uni<T>> request) {
        return guard.get(() -> (Uni<Object>) request.get())
                .map(result -> (T) result)
                .onFailure().transform(ProductsClient::explain);
    }

    private static RuntimeException explain(Throwable failure) {
        if (ClientErrors.isRefusal(failure)) {
            Response refused = ((WebApplicationException) failure).getResponse();
            return new CatalogRequestException(problemDetail(refused), refused.getStatus());
        }
        Log.warnf("products-service call failed: %s", failure.toString());
        return new CatalogUnavailableException(UNAVAILABLE, failure);
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof CatalogRequestException refused && refused.status() == 404;
    }

    /** products-service answers errors as RFC 9457 problems; their detail names the parameter and what to do. */
    private static String problemDetail(Response response) {
        try {
            JsonNode problem = response.readEntity(JsonNode.class);
            String detail = problem.path("detail").asText("");
            return detail.isBlank() ? problem.path("title").asText("The catalog refused the request.") : detail;
        } catch (RuntimeException unreadable) {
            return "The catalog refused the request (HTTP " + response.getStatus() + ").";
        }
    }
}
