package io.realtimestore.voice.assistant;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Short spoken answers built only from tool results. */
final class AnswerWriter {

    static final String CATALOG_TROUBLE = "Sorry, I couldn't reach the product catalog just now. Please try again in a moment.";
    static final String GREETING = "Hi! I can find outdoor gear and electronics for you, compare products and check "
            + "stock. What are you looking for?";
    static final String THANKS = "You're welcome! Is there anything else I can help you find?";
    static final String OUT_OF_SCOPE = "Sorry, I can only help with products from our store, like tents, headlamps or "
            + "headphones. What can I find for you?";
    static final String GOODBYE = "Thanks for shopping with us. Goodbye!";
    static final String WHICH_PRODUCT = "Which product do you mean? You can ask me to search first, for example for "
            + "sleeping bags under two hundred dollars.";

    private AnswerWriter() {
    }

    static String searchResults(Intent.Search search, List<Product> found) {
        if (found.isEmpty()) {
            return "I couldn't find any " + describe(search) + ". Would you like me to search more broadly?";
        }
        Optional<Product> ranked = ranked(search.ranking(), found);
        if (ranked.isPresent()) {
            Product pick = ranked.get();
            String weight = search.ranking().byWeight() ? pick.weight().map(w -> ", weighing " + w).orElse("") : "";
            // the product comes first and the rest after a comma: the first clause is what is synthesized first
            return "The " + search.ranking().spoken() + " one is the " + pick.name() + weight + ", at " + pick.priceText()
                    + byBrand(pick) + stockClause(pick) + ". Would you like to hear more about it?";
        }
        StringBuilder answer = new StringBuilder(search.ranking().byWeight()
                ? "I don't have the weights of these, but I found " : "I found ");
        int shown = Math.min(3, found.size());
        answer.append(found.size() == 1 ? "one option" : shown < found.size() ? shown + " good options" : found.size() + " options")
                .append(found.size() == 1 ? ": " : ". ");
        for (int i = 0; i < shown; i++) {
            Product product = found.get(i);
            if (found.size() > 1) {
                answer.append(i == 0 ? "First, " : i == shown - 1 ? "And " : "Then ");
            }
            answer.append("the ").append(product.name()).append(" at ").append(product.priceText()).append(". ");
        }
        answer.append(found.size() == 1 ? "Want to know more about it?" : "Would you like details on one of them?");
        return answer.toString();
    }

    /**
     * The product a ranked search asks for; empty for relevance, for no results, and for a weight ranking when no
     * result has a weight (products without one are left out of a weight ranking, never guessed).
     */
    static Optional<Product> ranked(Intent.Ranking ranking, List<Product> found) {
        Comparator<Product> byPrice = Comparator.comparing(p -> p.price().orElse(java.math.BigDecimal.ZERO));
        Comparator<Product> byWeight = Comparator.comparingDouble(p -> p.weightGrams().orElseThrow());
        return switch (ranking) {
            case RELEVANCE -> Optional.empty();
            case CHEAPEST -> found.stream().min(byPrice);
            case PRICIEST -> found.stream().max(byPrice);
            case LIGHTEST -> found.stream().filter(p -> p.weightGrams().isPresent()).min(byWeight);
            case HEAVIEST -> found.stream().filter(p -> p.weightGrams().isPresent()).max(byWeight);
        };
    }

    static String details(Product product) {
        StringBuilder answer = new StringBuilder("The ").append(product.name()).append(byBrand(product)).append(" costs ")
                .append(product.priceText()).append(stockClause(product)).append(". ");
        String sentence = product.firstSentence();
        if (!sentence.isEmpty()) {
            answer.append(sentence).append(' ');
        }
        product.weight().ifPresent(w -> answer.append("It weighs ").append(w).append(". "));
        return answer.append("Shall I check anything else?").toString().strip();
    }

    static String availability(Product product, boolean askedPrice) {
        if (askedPrice) {
            return "The " + product.name() + " costs " + product.priceText() + stockClause(product) + ".";
        }
        if (product.inStock().orElse(false)) {
            return "Yes, the " + product.name() + " is in stock" + product.stock().filter(n -> n > 0)
                    .map(n -> n == 1 ? ", with only one left" : n <= 5 ? ", with only " + n + " left" : ", with " + n + " available")
                    .orElse("") + ", at " + product.priceText() + ".";
        }
        return "Sorry, the " + product.name() + " is out of stock right now. Would you like me to find something similar?";
    }

    static String comparison(List<Product> products) {
        if (products.size() < 2) {
            return "I could only find one of those products, so there is nothing to compare yet.";
        }
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            answer.append(i == 0 ? "The " : i == products.size() - 1 ? "And the " : "The ").append(product.name())
                    .append(" costs ").append(product.priceText());
            product.weight().ifPresent(w -> answer.append(" and weighs ").append(w));
            answer.append(product.inStock().orElse(true) ? "" : ", but it is out of stock").append(". ");
        }
        Product cheapest = ranked(Intent.Ranking.CHEAPEST, products).orElseThrow();
        answer.append("The ").append(cheapest.name()).append(" is the better price.");
        return answer.toString();
    }

    static String notFound(String words) {
        return "I couldn't find a product called " + words + ". Could you say the name again, or ask me to search?";
    }

    private static String byBrand(Product product) {
        return product.brand().isBlank() || product.name().contains(product.brand()) ? "" : " by " + product.brand();
    }

    private static String stockClause(Product product) {
        return product.inStock().map(in -> in ? ", and it's in stock" : ", but it's out of stock right now").orElse("");
    }

    /** "sleeping bags under $200 from Terravolt" — how a search reads back to the shopper. */
    private static String describe(Intent.Search search) {
        StringBuilder text = new StringBuilder(search.category().map(c -> c.toLowerCase(java.util.Locale.ROOT))
                .map(c -> search.ranking() == Intent.Ranking.RELEVANCE ? c : Phrases.singularWords(c)).orElse(search.query()));
        search.brand().ifPresent(b -> text.append(" from ").append(b));
        search.minPrice().ifPresent(p -> text.append(" over $").append(p.toPlainString()));
        search.maxPrice().ifPresent(p -> text.append(" under $").append(p.toPlainString()));
        if (search.inStockOnly()) {
            text.append(" in stock");
        }
        return text.toString();
    }
}
