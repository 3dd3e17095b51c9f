package io.realtimestore.products.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.realtimestore.products.ProductEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Stored product vectors. */
@ApplicationScoped
public class EmbeddingRepository implements PanacheRepositoryBase<ProductEmbedding, Long> {

    public Map<Long, ProductEmbedding> findByProductIds(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        return list("productId in ?1", productIds).stream()
                .collect(Collectors.toMap(e -> e.productId, Function.identity()));
    }
}
