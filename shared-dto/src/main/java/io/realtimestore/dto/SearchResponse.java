package io.realtimestore.dto;

import java.util.List;

/**
 * Ranked hits for a query. {@code interpretedQuery} shows how the search read price intents
 * ("cheapest", "under 100 dollars"): the text that was matched and the filters and ordering it implied.
 */
public record SearchResponse(String query, SearchMode mode, InterpretedQuery interpretedQuery, List<SearchHit> hits) {

    public record InterpretedQuery(String text, java.math.BigDecimal minPrice, java.math.BigDecimal maxPrice, String priceOrder) {
    }
}
