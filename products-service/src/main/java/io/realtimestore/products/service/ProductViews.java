package io.realtimestore.products.service;

import io.realtimestore.dto.ProductView;
import io.realtimestore.products.Product;
import java.util.List;
import java.util.Map;

/** Entity → API view. Products without an image URL get the one this service draws for them. */
public final class ProductViews {

    private ProductViews() {
    }

    public static ProductView of(Product p) {
        return new ProductView(p.id, p.sku, p.name, p.description, p.brand, p.category, p.price, p.currency,
                p.stock, p.stock > 0, p.imageUrl != null ? p.imageUrl : drawnImagePath(p.id),
                p.tags == null ? List.of() : List.copyOf(p.tags),
                p.attributes == null ? Map.of() : Map.copyOf(p.attributes),
                p.createdAt, p.updatedAt, p.version);
    }

    public static String drawnImagePath(long id) {
        return "/api/products/" + id + "/image";
    }
}
