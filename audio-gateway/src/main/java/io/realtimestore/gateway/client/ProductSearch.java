package io.realtimestore.gateway.client;

import java.math.BigDecimal;

/** A search the assistant asked for; null fields are not filtered on. */
public record ProductSearch(String query, String category, String brand, BigDecimal minPrice, BigDecimal maxPrice,
        boolean inStockOnly, int limit) {
}
