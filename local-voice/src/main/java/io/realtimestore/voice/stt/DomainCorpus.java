package io.realtimestore.voice.stt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text the domain language model learns from: shopping requests built from the catalog's words and intent
 * templates ("show me {category} under {price} dollars", "is the {product} in stock", "compare the first two").
 *
 * <p>The LM only needs n-gram statistics, not every combination: each template is filled with every value of its
 * first catalog slot (every product, every category...) and random values for the other slots. The random source is
 * seeded, so the same vocabulary always gives the same corpus and LM.
 */
final class DomainCorpus {

    /** Templates with few or no slot values are repeated up to this many sentences, so that short follow-ups
     * ("how much is it") keep a fair share of the probability next to the hundreds of product sentences. */
    private static final int MIN_SENTENCES_PER_TEMPLATE = 40;

    private static final List<String> TEMPLATES = List.of(
            // searching a category, with filters
            "show me {category}", "show me {category} under {price} dollars", "show me the cheapest {category}",
            "show me {category} from {brand}", "do you have {category}", "do you have {category} under {price} dollars",
            "i'm looking for a {item}", "i am looking for {category} under {price} dollars", "i need a new {item}",
            "what is the cheapest {item}", "what's the cheapest {item} you have", "which {item} is the lightest",
            "what is the best {item} under {price} dollars", "what {category} do you have",
            "find me a {item} under {price} dollars", "find {category} between {price} and {price} dollars",
            "{category} under {price} dollars", "compare the {count} cheapest {category}", "search for {category}",
            "are there any {category} on sale", "recommend a good {item}", "can you recommend a {item}",
            // ranked by price or weight
            "what's the lightest {item} you have", "show me the lightest {category}", "what is the heaviest {item}",
            "what is your most expensive {item}", "what's the most expensive {item} you have",
            "what are your cheapest {category}",
            // tags as filters
            "show me {tag} {category}", "do you have any {tag} {category}", "i need a {tag} {item}",
            "which {item} is best for {tag}",
            // brands
            "do you have anything from {brand}", "show me everything from {brand}", "what does {brand} make",
            "show me {brand} products", "what {category} does {brand} have", "show me the {brand} {category}",
            "do you have {brand} {category}", "i'm looking for a {brand} {item}", "how much is the {brand} {item}",
            "do you have any {category} from {brand}", "do you have one from {brand} instead",
            "i want a {item} from {brand}",
            "is the {brand} {item} in stock", "tell me about the {brand} {item}",
            // one product
            "is the {product} in stock", "do you have the {product} in stock", "is the {product} available",
            "tell me about the {product}", "tell me more about the {product}", "how much is the {product}",
            "how much does the {product} cost", "what's the price of the {product}", "how heavy is the {product}",
            "is the {product} waterproof", "add the {product} to my cart", "i'll take the {product}",
            "compare the {product} with the {product}", "compare the {product} and the {product}",
            "are the {product} in stock", "show me the {product}", "the {product}", "{product}",
            // following up on results already shown
            "tell me more about the {ordinal} one", "what about the {ordinal} one", "show me the {ordinal} one",
            "add the {ordinal} one to my cart", "how much is the {ordinal} one", "is the {ordinal} one in stock",
            "compare the first two", "compare the first {count}", "compare the {ordinal} and the {ordinal} one",
            "compare them", "which one is cheaper", "which one is lighter", "which one is better",
            "how much is it", "how much does it cost", "is it in stock", "is it waterproof", "how heavy is it",
            "how much does it weigh", "what's the battery life", "does it come in other colors",
            "add it to my cart", "put it in my cart", "what's in my cart", "remove it from my cart", "go to checkout",
            "show me cheaper ones", "anything cheaper", "show me more", "go back", "sort them by price",
            "only the ones under {price} dollars", "under {price} dollars",
            // closing and small talk
            "thanks that's all", "thank you", "that's all", "no thanks", "yes please", "yes", "no", "okay",
            "goodbye", "never mind", "start over", "what can you do", "help");

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "last");
    private static final List<String> COUNTS = List.of("two", "three", "four");
    private static final long[] PRICES = {10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, 120, 150, 200, 250,
            300, 350, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000, 2500, 3000};
    private static final Set<String> CATALOG_SLOTS = Set.of("product", "category", "item", "brand", "tag");
    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

    private final Map<String, List<String>> slotValues;
    private final Set<String> spelledOutWords = new LinkedHashSet<>();

    DomainCorpus(CatalogVocabulary vocabulary) {
        List<String> categories = spoken(vocabulary.categories());
        slotValues = Map.of(
                "product", spoken(vocabulary.productNames()),
                "category", categories,
                "item", categories.stream().map(DomainCorpus::singular).distinct().toList(),
                "brand", spoken(vocabulary.brands()),
                "tag", spoken(vocabulary.tags()),
                "price", priceReadings(),
                "ordinal", ORDINALS,
                "count", COUNTS);
    }

    /** The words of the vocabulary that are said letter by letter ("led", "gps", "tx"). */
    Set<String> spelledOutWords() {
        return spelledOutWords;
    }

    /** The corpus, one sentence per entry, with repeats (the counts matter to the LM). */
    List<String> sentences() {
        Random random = new Random(7);
        List<String> sentences = new ArrayList<>();
        for (String template : TEMPLATES) {
            List<String> slots = SLOT.matcher(template).results().map(match -> match.group(1)).toList();
            String primary = slots.stream().filter(CATALOG_SLOTS::contains).findFirst()
                    .orElse(slots.isEmpty() ? null : slots.getFirst());
            List<String> primaryValues = primary == null ? List.of("") : slotValues.get(primary);
            if (primaryValues.isEmpty() || slots.stream().anyMatch(slot -> slotValues.get(slot).isEmpty())) {
                continue; // e.g. no brands in this vocabulary
            }
            int rounds = Math.max(1, -Math.floorDiv(-MIN_SENTENCES_PER_TEMPLATE, primaryValues.size()));
            for (int round = 0; round < rounds; round++) {
                for (String value : primaryValues) {
                    sentences.add(fill(template, primary, value, random));
                }
            }
        }
        return sentences;
    }

    private String fill(String template, String primary, String primaryValue, Random random) {
        Matcher slot = SLOT.matcher(template);
        boolean[] primaryUsed = {false};
        return slot.replaceAll(match -> {
            String name = match.group(1);
            if (name.equals(primary) && !primaryUsed[0]) {
                primaryUsed[0] = true;
                return Matcher.quoteReplacement(primaryValue);
            }
            List<String> values = slotValues.get(name);
            return Matcher.quoteReplacement(values.get(random.nextInt(values.size())));
        });
    }

    private List<String> spoken(List<String> written) {
        Set<String> readings = new LinkedHashSet<>();
        for (String text : written) {
            SpokenText.Spoken spoken = SpokenText.of(text);
            readings.addAll(spoken.readings());
            spelledOutWords.addAll(spoken.spelledOutWords());
        }
        return List.copyOf(readings);
    }

    private static List<String> priceReadings() {
        Set<String> readings = new LinkedHashSet<>();
        for (long price : PRICES) {
            readings.addAll(NumberWords.readings(price));
        }
        readings.add("a hundred");
        readings.add("a thousand");
        return List.copyOf(readings);
    }

    /** "sleeping bags" → "sleeping bag", "smart watches" → "smart watch", "batteries" → "battery". */
    static String singular(String plural) {
        Function<String, String> lastWord = word -> {
            if (word.endsWith("ies") && word.length() > 4) {
                return word.substring(0, word.length() - 3) + "y";
            }
            if (word.matches(".*(ch|sh|x|ss|z)es")) {
                return word.substring(0, word.length() - 2);
            }
            if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 3) {
                return word.substring(0, word.length() - 1);
            }
            return word;
        };
        int space = plural.lastIndexOf(' ');
        return plural.substring(0, space + 1) + lastWord.apply(plural.substring(space + 1));
    }
}
