package io.realtimestore.products.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.products.search.QueryIntent.PriceOrder;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QueryIntentTest {

    @Test
    void plainQueriesAreLeftAlone() {
        QueryIntent intent = QueryIntent.parse("waterproof tent for two");
        assertThat(intent.hasPriceIntent()).isFalse();
        assertThat(intent.text()).isEqualTo("waterproof tent for two");
    }

    @Test
    void readsCeilingsFloorsAndRanges() {
        assertThat(QueryIntent.parse("tent under 150 dollars")).isEqualTo(new QueryIntent("tent", null, new BigDecimal("150"), null));
        assertThat(QueryIntent.parse("headphones below $80")).isEqualTo(new QueryIntent("headphones", null, new BigDecimal("80"), null));
        assertThat(QueryIntent.parse("camera over 500")).isEqualTo(new QueryIntent("camera", new BigDecimal("500"), null, null));
        assertThat(QueryIntent.parse("camera under $1,200")).isEqualTo(new QueryIntent("camera", null, new BigDecimal("1200"), null));
        assertThat(QueryIntent.parse("lantern under 19.99")).isEqualTo(new QueryIntent("lantern", null, new BigDecimal("19.99"), null));
        assertThat(QueryIntent.parse("speaker between 50 and 20 usd"))
                .isEqualTo(new QueryIntent("speaker", new BigDecimal("20"), new BigDecimal("50"), null));
    }

    @Test
    void readsOrderings() {
        assertThat(QueryIntent.parse("cheapest tent")).isEqualTo(new QueryIntent("tent", null, null, PriceOrder.ASCENDING));
        assertThat(QueryIntent.parse("Most expensive camera")).isEqualTo(new QueryIntent("camera", null, null, PriceOrder.DESCENDING));
        assertThat(QueryIntent.parse("budget headphones").priceOrder()).isEqualTo(PriceOrder.ASCENDING);
        assertThat(QueryIntent.parse("the cheapest one").text()).isEmpty();
    }
}
