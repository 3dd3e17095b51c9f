package io.realtimestore.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product as the catalog API returns it. {@code imageUrl} is either the URL supplied at import or the
 * service-relative path of the image that products-service draws for the product.
 */
public record ProductView(
        long id,
        String sku,
        String name,
        String description,
        String brand,
        String category,
        BigDecimal price,
        String currency,
        int stock,
        boolean inStock,
        String imageUrl,
        List<String> tags,
        Map<String, String> attributes,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
