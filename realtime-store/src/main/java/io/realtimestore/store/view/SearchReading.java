package io.realtimestore.store.view;

import io.realtimestore.dto.SearchResponse;
import io.realtimestore.dto.SearchResponse.InterpretedQuery;

/**
 * Words for how products-service read a query's price intent ("cheapest tent under 150 dollars" → tents, at most
 * $150, cheapest first), so the shopper sees why the results are ordered as they are. Empty when there was none.
 */
public final class SearchReading {

    private SearchReading() {
    }

    public static String describe(SearchResponse response) {
        InterpretedQuery reading = response.interpretedQuery();
        if (reading == null || (reading.minPrice() == null && reading.maxPrice() == null && reading.priceOrder() == null)) {
            return "";
        }
        StringBuilder words = new StringBuilder("Read as “").append(reading.text()).append('”');
        if (reading.minPrice() != null) {
            words.append(", at least ").append(reading.minPrice().toPlainString());
        }
        if (reading.maxPrice() != null) {
            words.append(", at most ").append(reading.maxPrice().toPlainString());
        }
        if ("ascending".equals(reading.priceOrder())) {
            words.append(", cheapest first");
        } else if ("descending".equals(reading.priceOrder())) {
            words.append(", most expensive first");
        }
        return words.toString();
    }
}
