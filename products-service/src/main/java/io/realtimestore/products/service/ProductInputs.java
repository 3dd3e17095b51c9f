package io.realtimestore.products.service;

import io.realtimestore.dto.ProductInput;
import io.realtimestore.products.Product;
import java.util.LinkedHashMap;
import java.util.List;

/** Copies validated input onto an entity, with the defaults the API documents (currency USD, no tags). */
final class ProductInputs {

    static final String DEFAULT_CURRENCY = "USD";

    private ProductInputs() {
    }

    static void apply(ProductInput input, Product product) {
        product.sku = input.sku().strip();
        product.name = input.name().strip();
        product.description = input.description() == null ? null : input.description().strip();
        product.brand = input.brand().strip();
        product.category = input.category().strip();
        product.price = input.price().setScale(2, java.math.RoundingMode.UNNECESSARY);
        product.currency = input.currency() == null ? DEFAULT_CURRENCY : input.currency();
        product.stock = input.stock();
        product.imageUrl = input.imageUrl();
        product.tags = input.tags() == null ? List.of() : input.tags().stream().map(String::strip).toList();
        product.attributes = input.attributes() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(input.attributes());
    }
}
