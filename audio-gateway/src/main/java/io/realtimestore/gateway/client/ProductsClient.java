package io.realtimestore.gateway.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchHit;
import io.realtimestore.dto.SearchResponse;
import io.realtimestore.gateway.config.ToolsConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls products-service for the tools: each call has a timeout, retries transient failures, and shares a
 * circuit breaker so a struggling catalog is not hammered by every session at once. Product lookups are cached
 * for a few seconds (search results fill the cache too, so "tell me more about the first one" is immediate).
 */
@ApplicationScoped
public class ProductsClient {

    private final ProductsApi api;
    private final TypedGuard<Uni<SearchResponse>> searchGuard;
    private final TypedGuard<Uni<Optional<ProductView>>> productGuard;
    private final Cache<Long, ProductView> products;

    ProductsClient(@RestClient ProductsApi api, ToolsConfig config) {
        this.api = api;
        this.searchGuard = guard(new TypeLiteral<>() {
        }, config, "products-search");
        this.productGuard = guard(new TypeLiteral<>() {
        }, config, "products-lookup");
        this.products = Caffeine.newBuilder().maximumSize(config.cacheSize()).expireAfterWrite(config.cacheTtl()).build();
    }

    public Uni<SearchResponse> search(ProductSearch search) {
        return searchGuard.get(() -> api.search(search.query(), "hybrid", search.limit(), search.category(),
                search.brand(), plain(search.minPrice()), plain(search.maxPrice()), search.inStockOnly() ? Boolean.TRUE : null))
                .invoke(response -> response.hits().stream().map(SearchHit::product)
                        .forEach(product -> products.put(product.id(), product)));
    }

    /** The product, or empty when products-service does not know the id. */
    public Uni<Optional<ProductView>> product(long id) {
        ProductView cached = products.getIfPresent(id);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return productGuard.get(() -> api.product(id)
                .map(Optional::of)
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> notFoundAsEmpty((WebApplicationException) failure)))
                .invoke(found -> found.ifPresent(product -> products.put(id, product)));
    }

    private static Uni<Optional<ProductView>> notFoundAsEmpty(WebApplicationException failure) {
        return failure.getResponse().getStatus() == 404
                ? Uni.createFrom().item(Optional.empty())
                : Uni.createFrom().failure(failure);
    }

    private static <T> TypedGuard<T> guard(TypeLiteral<T> type, ToolsConfig config, String description) {
        return TypedGuard.create(type)
                .withDescription(description)
                .withTimeout().duration(config.attemptTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(config.maxRetries()).delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .whenException(failure -> !ClientErrors.isRefusal(failure)).done()
                .withCircuitBreaker().requestVolumeThreshold(config.circuitRequestVolume())
                .failureRatio(config.circuitFailureRatio()).delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .when(failure -> !ClientErrors.isRefusal(failure)).done()
                .build();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
