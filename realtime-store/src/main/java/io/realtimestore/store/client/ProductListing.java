package io.realtimestore.store.client;

/**
 * One page of the product grid as the shopper asked for it. Prices stay text: products-service validates them and
 * names the parameter when one is not a number.
 */
public record ProductListing(int page, int size, String sort, String category, String brand, String minPrice,
        String maxPrice, boolean inStockOnly) {
}
