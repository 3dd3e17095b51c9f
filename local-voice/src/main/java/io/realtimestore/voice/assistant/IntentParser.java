package io.realtimestore.voice.assistant;

import io.realtimestore.voice.assistant.Intent.ProductRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one shopper turn (typed text or a speech transcript) into an {@link Intent}. Rules, not a model: they cover
 * the questions a store assistant gets (search with filters, cheapest and priciest, details, stock, price,
 * comparisons, thanks and goodbye) and send everything else to a polite out-of-scope answer.
 */
final class IntentParser {

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");
    private static final Pattern PRODUCT_ID = Pattern.compile("\\b(?:product|item|id|number) (?:id )?(\\d{1,9})\\b");
    /** Words that carry no product meaning; what remains of an utterance is the search query. */
    private static final Set<String> FILLER = Set.of("show", "me", "find", "i", "im", "am", "looking", "look", "for",
            "need", "want", "a", "an", "the", "some", "any", "do", "you", "have", "sell", "carry", "please", "can", "could",
            "would", "like", "to", "see", "get", "buy", "what", "whats", "is", "are", "there", "under", "below", "less",
            "than", "over", "above", "more", "dollars", "dollar", "bucks", "usd", "in", "stock", "cheapest", "most",
            "expensive", "least", "priciest", "cheap", "cheaper", "lightest", "heaviest", "your", "of", "anything", "something", "from", "by",
            "brand", "available", "only", "which", "all", "options", "let", "at", "and", "or", "got", "search",
            "between", "up", "much", "that", "it", "us", "we", "our", "my", "hi", "hello", "hey", "okay", "ok", "so",
            "well", "now", "also", "then", "just", "really", "maybe", "lowest", "highest", "price", "priced", "cost",
            "costs", "item", "items", "product", "products", "stuff", "thing", "things", "one", "ones", "good", "best",
            "top", "list", "recommend", "suggest", "help", "with", "tell", "about", "yes", "yeah", "instead", "else",
            "another", "other", "others");
    private static final Set<String> SEARCH_WORDS = Set.of("show", "find", "looking", "need", "want", "have", "sell",
            "carry", "search", "recommend", "suggest", "buy", "got", "options", "anything");

    private final CatalogTerms terms;

    IntentParser(CatalogTerms terms) {
        this.terms = terms;
    }

    Intent parse(String utterance) {
        String text = Phrases.normalize(utterance);
        if (text.isEmpty()) {
            return new Intent.Greeting();
        }
        if (isGoodbye(text)) {
            return new Intent.Goodbye();
        }
        Optional<Intent> productIntent = productIntent(text);
        if (productIntent.isPresent()) {
            return productIntent.get();
        }
        if (Phrases.hasAny(text, "thank you", "thanks", "thank", "cheers", "great", "perfect", "awesome")) {
            return new Intent.Thanks();
        }
        if (Phrases.hasAny(text, "hello", "hi", "hey", "good morning", "good afternoon", "good evening", "what can you do",
                "who are you", "help", "how are you")) {
            return new Intent.Greeting();
        }
        return new Intent.OutOfScope();
    }

    private static boolean isGoodbye(String text) {
        return Phrases.hasAny(text, "goodbye", "good bye", "bye", "thats all", "that is all", "im done", "i am done",
                "nothing else", "see you", "no thanks", "no thank you", "that will be all", "thats it", "im finished",
                "i am finished", "were done", "we are done");
    }

    private Optional<Intent> productIntent(String text) {
        Optional<Intent.Criterion> criterion = criterion(text);
        Optional<CatalogTerms.Match> category = terms.category(text);
        // "which one is lighter" picks from what was just shown; "which tent is the lightest" ranks the whole category
        boolean aboutShownProducts = category.isEmpty()
                || Phrases.hasAny(text, "which one", "what one", "these", "those", "them", "of the two", "is it");
        if (criterion.isPresent() && Phrases.hasAny(text, "which", "what one", "is it") && aboutShownProducts) {
            return Optional.of(new Intent.WhichOne(criterion.get()));
        }
        if (Phrases.hasAny(text, "compare", "comparison", "difference between", "differences between", "versus", "vs")) {
            return Optional.of(new Intent.Compare(references(text, true)));
        }
        boolean stockQuestion = Phrases.hasAny(text, "in stock", "available", "availability", "have any left", "sold out",
                "out of stock", "stock");
        boolean priceQuestion = Phrases.hasAny(text, "how much", "price of", "what does it cost", "whats the price",
                "what is the price", "how expensive", "cost");
        boolean detailsQuestion = Phrases.hasAny(text, "tell me more", "more about", "details", "detail", "describe",
                "tell me about", "what about", "more info", "more information", "specs", "how heavy", "heavy is", "weigh");
        Optional<CatalogTerms.Match> brand = terms.brand(text);
        List<ProductRef> refs = references(text, false);
        boolean pointsAtProduct = !refs.isEmpty();

        if ((stockQuestion || priceQuestion) && pointsAtProduct) {
            return Optional.of(new Intent.Availability(refs.get(0), priceQuestion && !stockQuestion));
        }
        if (detailsQuestion && pointsAtProduct) {
            return Optional.of(new Intent.Details(refs.get(0)));
        }
        Optional<BigDecimal> max = amountAfter(text, "under", "below", "less than", "cheaper than", "up to", "at most",
                "max", "maximum", "no more than", "within");
        Optional<BigDecimal> min = amountAfter(text, "over", "above", "more than", "at least", "min", "minimum");
        Matcher between = Pattern.compile("between (.+?) and (.+)").matcher(text);
        if (between.find()) {
            min = NumberWords.read(between.group(1).split(" "), 0).map(NumberWords.Parsed::value);
            max = NumberWords.read(between.group(2).split(" "), 0).map(NumberWords.Parsed::value);
        }
        Intent.Ranking ranking = Phrases.hasAny(text, "cheapest", "least expensive", "lowest price", "most affordable",
                "cheapest one") ? Intent.Ranking.CHEAPEST
                : Phrases.hasAny(text, "most expensive", "priciest", "highest price", "top of the line", "premium")
                        ? Intent.Ranking.PRICIEST
                : Phrases.hasAny(text, "lightest", "most lightweight", "weighs the least", "lowest weight")
                        ? Intent.Ranking.LIGHTEST
                : Phrases.hasAny(text, "heaviest", "weighs the most") ? Intent.Ranking.HEAVIEST : Intent.Ranking.RELEVANCE;
        String query = query(text);
        boolean searchWords = containsAny(text, SEARCH_WORDS);
        if (category.isPresent() || brand.isPresent() || min.isPresent() || max.isPresent()
                || ranking != Intent.Ranking.RELEVANCE || searchWords && !query.isEmpty()) {
            if (query.isEmpty()) {
                query = category.map(m -> m.phrase()).or(() -> brand.map(m -> m.phrase())).orElse("outdoor gear");
            }
            boolean inStockOnly = stockQuestion;
            return Optional.of(new Intent.Search(query, category.map(CatalogTerms.Match::name),
                    brand.map(CatalogTerms.Match::name), min, max, inStockOnly, ranking));
        }
        if (pointsAtProduct && (stockQuestion || priceQuestion || detailsQuestion)) {
            return Optional.of(new Intent.Details(refs.get(0)));
        }
        if ((stockQuestion || priceQuestion || detailsQuestion) && !query.isEmpty()) {
            ProductRef named = new ProductRef.Named(query);
            return Optional.of(detailsQuestion ? new Intent.Details(named) : new Intent.Availability(named, priceQuestion));
        }
        if (stockQuestion || priceQuestion || detailsQuestion) {
            ProductRef focus = new ProductRef.Focus();
            return Optional.of(detailsQuestion ? new Intent.Details(focus) : new Intent.Availability(focus, priceQuestion));
        }
        return Optional.empty();
    }

    /** "one from Voltaric instead", "something smaller": a search that refines the previous one. */
    static boolean refinesPreviousSearch(String utterance) {
        return Phrases.hasAny(Phrases.normalize(utterance), "one", "ones", "instead", "something", "anything", "else",
                "another", "other", "others", "smaller", "bigger", "larger", "lighter", "cheaper", "similar");
    }

    private static Optional<Intent.Criterion> criterion(String text) {
        if (Phrases.hasAny(text, "lighter", "lightest", "weighs less")) {
            return Optional.of(Intent.Criterion.LIGHTER);
        }
        if (Phrases.hasAny(text, "heavier", "heaviest")) {
            return Optional.of(Intent.Criterion.HEAVIER);
        }
        if (Phrases.hasAny(text, "cheaper", "less expensive", "better price", "better deal")) {
            return Optional.of(Intent.Criterion.CHEAPER);
        }
        if (Phrases.hasAny(text, "more expensive", "pricier")) {
            return Optional.of(Intent.Criterion.PRICIER);
        }
        return Optional.empty();
    }

    /** Ordinals, ids and pronouns, in the order spoken; for comparisons also "the first two" and product names. */
    private List<ProductRef> references(String text, boolean comparing) {
        List<ProductRef> refs = new ArrayList<>();
        Matcher id = PRODUCT_ID.matcher(text);
        while (id.find()) {
            refs.add(new ProductRef.ById(Long.parseLong(id.group(1))));
        }
        if (comparing) {
            Matcher firstN = Pattern.compile("\\b(?:first|top) (two|three|four|2|3|4)\\b").matcher(text);
            if (firstN.find()) {
                int count = NumberWords.read(new String[] { firstN.group(1) }, 0).orElseThrow().value().intValue();
                for (int i = 0; i < count; i++) {
                    refs.add(new ProductRef.Ordinal(i));
                }
                return refs;
            }
        }
        String[] words = text.split(" ");
        for (String word : words) {
            int ordinal = ORDINALS.indexOf(word);
            if (ordinal < 0) {
                ordinal = List.of("1st", "2nd", "3rd", "4th", "5th").indexOf(word);
            }
            if (ordinal >= 0) {
                refs.add(new ProductRef.Ordinal(ordinal));
            } else if (word.equals("last") || word.equals("latter")) {
                refs.add(new ProductRef.Ordinal(-1));
            } else if (word.equals("former")) {
                refs.add(new ProductRef.Ordinal(0));
            }
        }
        if (comparing) {
            if (refs.size() < 2) {
                String named = text.replaceFirst("^.*?\\b(?:compare|comparison of|difference between|differences between)\\b", "");
                String[] parts = named.split(" (?:and|with|to|vs|versus|or) ");
                if (parts.length < 2) {
                    // "compare the ridgeline two in the ridgeline three": a recogniser often hears "and" as a short
                    // word like "in" or "an"; before "the" next to "compare" it can only join the two names
                    parts = named.split(" (?:in|an|on|at|end) (?=the )");
                }
                for (String part : parts) {
                    String name = query(part);
                    if (!name.isBlank() && name.split(" ").length <= 6) {
                        refs.add(new ProductRef.Named(name));
                    }
                }
            }
            return refs;
        }
        if (refs.isEmpty() && Phrases.hasAny(text, "it", "that one", "this one", "that", "this", "them", "those")) {
            refs.add(new ProductRef.Focus());
        }
        if (refs.isEmpty() && hasProductName(text)) {
            refs.add(new ProductRef.Named(query(text)));
        }
        return refs;
    }

    /** A specific product is named when the words left are more than a bare category ("the summit 40 backpack"). */
    private boolean hasProductName(String text) {
        String query = query(text);
        if (query.isEmpty()) {
            return false;
        }
        Optional<CatalogTerms.Match> category = terms.category(query);
        String rest = category.map(m -> Phrases.singularWords(query).replace(m.phrase(), "").strip())
                .orElse(Phrases.singularWords(query));
        Optional<CatalogTerms.Match> brand = terms.brand(rest);
        String remainder = brand.map(m -> rest.replace(m.phrase(), "").strip()).orElse(rest);
        return !remainder.isEmpty() && (category.isPresent() || brand.isPresent() || remainder.split(" ").length >= 2);
    }

    private static Optional<BigDecimal> amountAfter(String text, String... markers) {
        String[] words = text.split(" ");
        for (String marker : markers) {
            String[] markerWords = marker.split(" ");
            for (int i = 0; i + markerWords.length <= words.length; i++) {
                if (matchesAt(words, i, markerWords)) {
                    Optional<NumberWords.Parsed> amount = NumberWords.read(words, i + markerWords.length);
                    if (amount.isPresent()) {
                        return Optional.of(amount.get().value());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAt(String[] words, int at, String[] phrase) {
        for (int j = 0; j < phrase.length; j++) {
            if (!words[at + j].equals(phrase[j])) {
                return false;
            }
        }
        return true;
    }

    /** The utterance without filler words and amounts: what the shopper is looking for. */
    static String query(String text) {
        String[] words = text.split(" ");
        StringBuilder query = new StringBuilder();
        int i = 0;
        while (i < words.length) {
            Optional<NumberWords.Parsed> amount = words[i].equals("a") ? Optional.empty() : NumberWords.read(words, i);
            // an amount is a price only when said as one ("fifty dollars", "under fifty"): "ridgeline two" is a name
            boolean priceFollows = amount.isPresent() && (amount.get().next() < words.length
                    && Set.of("dollars", "dollar", "bucks", "usd").contains(words[amount.get().next()])
                    || i > 0 && Set.of("under", "below", "over", "above", "than", "to", "between", "and", "max", "maximum",
                            "minimum", "min", "least", "most", "within").contains(words[i - 1]) || words[i].startsWith("$"));
            if (priceFollows) {
                i = amount.get().next();
                continue;
            }
            if (!FILLER.contains(words[i]) && !ORDINALS.contains(words[i]) && !words[i].startsWith("$")) {
                if (!query.isEmpty()) {
                    query.append(' ');
                }
                query.append(words[i]);
            }
            i++;
        }
        return query.toString();
    }

    private static boolean containsAny(String text, Set<String> words) {
        for (String word : text.split(" ")) {
            if (words.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
