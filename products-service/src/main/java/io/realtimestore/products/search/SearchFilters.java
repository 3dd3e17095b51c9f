package io.realtimestore.products.search;

import java.math.BigDecimal;
import java.util.Locale;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Structured filters shared by listing and search; null means "no constraint". */
public record SearchFilters(String category, String brand, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock) {

    public static final SearchFilters NONE = new SearchFilters(null, null, null, null, null);

    public SearchFilters withPriceRange(BigDecimal min, BigDecimal max) {
        return new SearchFilters(category, brand, min != null ? min : minPrice, max != null ? max : maxPrice, inStock);
    }

    /** The Lucene filter for these constraints, or null when there are none. */
    Query toLuceneFilter() {
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        boolean any = false;
        if (category != null) {
            filter.add(new TermQuery(new Term(ProductDocuments.CATEGORY_KEY, key(category))), Occur.FILTER);
            any = true;
        }
        if (brand != null) {
            filter.add(new TermQuery(new Term(ProductDocuments.BRAND_KEY, key(brand))), Occur.FILTER);
            any = true;
        }
        if (minPrice != null || maxPrice != null) {
            double low = minPrice == null ? Double.NEGATIVE_INFINITY : minPrice.doubleValue();
            double high = maxPrice == null ? Double.POSITIVE_INFINITY : maxPrice.doubleValue();
            filter.add(DoubleField.newRangeQuery(ProductDocuments.PRICE, low, high), Occur.FILTER);
            any = true;
        }
        if (inStock != null) {
            Query positive = IntField.newRangeQuery(ProductDocuments.STOCK, 1, Integer.MAX_VALUE);
            if (inStock) {
                filter.add(positive, Occur.FILTER);
            } else {
                filter.add(IntField.newRangeQuery(ProductDocuments.STOCK, Integer.MIN_VALUE, 0), Occur.FILTER);
            }
            any = true;
        }
        return any ? filter.build() : null;
    }

    static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
