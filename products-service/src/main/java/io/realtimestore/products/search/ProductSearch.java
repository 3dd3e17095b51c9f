package io.realtimestore.products.search;

import io.micrometer.core.annotation.Timed;
import io.realtimestore.dto.SearchHit;
import io.realtimestore.dto.SearchMode;
import io.realtimestore.dto.SearchResponse;
import io.realtimestore.dto.SearchResponse.InterpretedQuery;
import io.realtimestore.products.config.SearchConfig;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Answers searches in the three modes. Keyword is BM25; semantic is nearest neighbours of the query embedding;
 * hybrid fuses both rankings with reciprocal rank fusion, which needs no score calibration between them.
 * Price intents ("cheapest tent", "under 100 dollars") become filters and an ordering before any mode runs.
 */
@ApplicationScoped
public class ProductSearch {

    private final CatalogIndex index;
    private final EmbeddingService embeddings;
    private final SearchConfig config;
    private final KeywordQueryBuilder keywordQueries;

    ProductSearch(CatalogIndex index, EmbeddingService embeddings, SearchConfig config) {
        this.index = index;
        this.embeddings = embeddings;
        this.config = config;
        this.keywordQueries = new KeywordQueryBuilder(index);
    }

    @WithSpan("product-search")
    @Timed(value = "products.search", histogram = true, extraTags = { "layer", "index" })
    public SearchResponse search(@SpanAttribute("query") String query, @SpanAttribute("mode") SearchMode mode,
            SearchFilters filters, int limit) {
        QueryIntent intent = QueryIntent.parse(query);
        SearchFilters effective = filters.withPriceRange(intent.minPrice(), intent.maxPrice());
        Query filter = effective.toLuceneFilter();
        // A price ordering re-ranks a wider candidate set, so fetch more than the caller asked for.
        int candidates = intent.priceOrder() != null ? Math.max(limit, config.fusionCandidates()) : limit;

        List<SearchHit> hits;
        if (intent.text().isBlank()) {
            // Only price words ("the cheapest one"): the whole filtered catalog, by price.
            boolean ascending = intent.priceOrder() != QueryIntent.PriceOrder.DESCENDING;
            hits = toHits(index.byPrice(filter, ascending, limit));
        } else {
            hits = switch (mode) {
                case KEYWORD -> keyword(intent.text(), filter, candidates);
                case SEMANTIC -> semantic(intent.text(), filter, candidates);
                case HYBRID -> hybrid(intent.text(), filter, candidates);
            };
        }
        if (intent.priceOrder() != null && !intent.text().isBlank()) {
            hits = orderByPrice(hits, intent.priceOrder());
        }
        InterpretedQuery interpreted = intent.hasPriceIntent()
                ? new InterpretedQuery(intent.text(), intent.minPrice(), intent.maxPrice(),
                        intent.priceOrder() == null ? null : intent.priceOrder().name().toLowerCase(java.util.Locale.ROOT))
                : null;
        return new SearchResponse(query, mode, interpreted, hits.subList(0, Math.min(limit, hits.size())));
    }

    private List<SearchHit> keyword(String text, Query filter, int limit) {
        return toHits(index.search(keywordQueries.build(text), filter, limit));
    }

    private List<SearchHit> semantic(String text, Query filter, int limit) {
        return toHits(index.nearest(embeddings.embedQuery(text), filter, limit));
    }

    private List<SearchHit> hybrid(String text, Query filter, int limit) {
        int depth = Math.max(limit, config.fusionCandidates());
        return toHits(index.fused(keywordQueries.build(text), embeddings.embedQuery(text), filter, depth, config.rrfK(), limit));
    }

    /**
     * "Cheapest tent": the top hits say what kind of product is meant (their dominant category); among the
     * candidates of that category, order by price. Hits keep their relevance scores.
     */
    static List<SearchHit> orderByPrice(List<SearchHit> hits, QueryIntent.PriceOrder order) {
        if (hits.isEmpty()) {
            return hits;
        }
        Map<String, Double> categoryWeight = new HashMap<>();
        for (int rank = 0; rank < Math.min(5, hits.size()); rank++) {
            categoryWeight.merge(hits.get(rank).product().category(), 1.0 / (rank + 1), Double::sum);
        }
        String dominant = categoryWeight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Comparator<SearchHit> byPrice = Comparator.comparing(h -> h.product().price());
        List<SearchHit> sameCategory = new ArrayList<>(hits.stream()
                .filter(h -> h.product().category().equals(dominant)).toList());
        sameCategory.sort(order == QueryIntent.PriceOrder.ASCENDING ? byPrice : byPrice.reversed());
        return sameCategory;
    }

    private static List<SearchHit> toHits(List<CatalogIndex.Hit> hits) {
        return hits.stream().map(h -> new SearchHit(h.score(), h.product())).toList();
    }
}
