package io.realtimestore.voice.assistant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** What the shopper asked for in one turn, before any tool ran. */
sealed interface Intent {

    /** How a search's results are ranked for the answer: by relevance, or one product picked by price or weight. */
    enum Ranking {
        RELEVANCE(""), CHEAPEST("cheapest"), PRICIEST("most expensive"), LIGHTEST("lightest"), HEAVIEST("heaviest");

        private final String spoken;

        Ranking(String spoken) {
            this.spoken = spoken;
        }

        String spoken() {
            return spoken;
        }

        boolean byWeight() {
            return this == LIGHTEST || this == HEAVIEST;
        }
    }

    record Search(String query, Optional<String> category, Optional<String> brand, Optional<BigDecimal> minPrice,
            Optional<BigDecimal> maxPrice, boolean inStockOnly, Ranking ranking) implements Intent {
    }

    record Details(ProductRef product) implements Intent {
    }

    /** "is it in stock", "how much is the Ridgeline": both answered from check_availability (price and stock). */
    record Availability(ProductRef product, boolean askedPrice) implements Intent {
    }

    record Compare(List<ProductRef> products) implements Intent {
    }

    enum Criterion { LIGHTER, HEAVIER, CHEAPER, PRICIER }

    /** "which one is lighter": answered from the products the last tool results described. */
    record WhichOne(Criterion criterion) implements Intent {
    }

    record Goodbye() implements Intent {
    }

    record Thanks() implements Intent {
    }

    record Greeting() implements Intent {
    }

    record OutOfScope() implements Intent {
    }

    /** How the shopper pointed at a product. */
    sealed interface ProductRef {

        /** "the second one" (0-based), "the last one" (-1). */
        record Ordinal(int index) implements ProductRef {
        }

        /** "it", "that one": the product in focus. */
        record Focus() implements ProductRef {
        }

        /** "product 12": what the store's UI sends when a product card is clicked. */
        record ById(long id) implements ProductRef {
        }

        /** Words that name a product ("the ridgeline two tent"). */
        record Named(String words) implements ProductRef {
        }
    }
}
