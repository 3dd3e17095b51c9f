package io.realtimestore.voice.assistant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the catalog's category and brand names in what the shopper said, however they said them ("a sleeping bag",
 * "trekking poles", "G P S"). The names come from the live catalog; a few everyday synonyms map onto them.
 */
public final class CatalogTerms {

    /** Everyday words for catalog categories; used only when the catalog has the category. */
    private static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
            Map.entry("hiking poles", List.of("trekking pole", "walking pole", "pole")),
            Map.entry("gps units", List.of("gps", "g p s", "gps device", "navigator")),
            Map.entry("smart watches", List.of("smartwatch", "watch", "fitness watch")),
            Map.entry("cookware", List.of("pot", "pan", "cook set", "cooking set")),
            Map.entry("water filters", List.of("water purifier", "purifier", "filter")),
            Map.entry("hiking boots", List.of("boot", "hiking shoe", "shoe")),
            Map.entry("rain jackets", List.of("jacket", "raincoat", "rain coat", "waterproof jacket", "shell")),
            Map.entry("power banks", List.of("battery pack", "portable charger", "power bank", "battery")),
            Map.entry("solar chargers", List.of("solar panel", "solar charger")),
            Map.entry("sleeping pads", List.of("sleeping mat", "pad", "mattress")),
            Map.entry("backpacks", List.of("pack", "rucksack", "daypack", "day pack")),
            Map.entry("headphones", List.of("headset", "over ear headphone")),
            Map.entry("earbuds", List.of("ear bud", "earphone", "in ear headphone")),
            Map.entry("speakers", List.of("bluetooth speaker", "speaker")),
            Map.entry("lanterns", List.of("camping light", "lamp")),
            Map.entry("headlamps", List.of("head lamp", "head torch", "flashlight", "torch")),
            Map.entry("stoves", List.of("camping stove", "burner")),
            Map.entry("action cameras", List.of("action cam", "go pro", "gopro")),
            Map.entry("tents", List.of("shelter")));

    private final List<Term> categories = new ArrayList<>();
    private final List<Term> brands = new ArrayList<>();

    public CatalogTerms(List<String> categoryNames, List<String> brandNames) {
        for (String category : categoryNames) {
            String spoken = Phrases.normalize(category);
            categories.add(new Term(category, Phrases.singularWords(spoken)));
            for (String synonym : SYNONYMS.getOrDefault(spoken, List.of())) {
                categories.add(new Term(category, Phrases.singularWords(synonym)));
            }
        }
        for (String brand : brandNames) {
            String spoken = Phrases.normalize(brand);
            brands.add(new Term(brand, Phrases.singularWords(spoken)));
            String firstWord = spoken.split(" ")[0];
            if (!firstWord.equals(spoken) && firstWord.length() > 4) {
                brands.add(new Term(brand, firstWord)); // "Waypoint" for "Waypoint Instruments"
            }
        }
        // longest phrase first: "action camera" must win over "camera"
        Comparator<Term> longestFirst = Comparator.comparingInt((Term t) -> t.phrase().length()).reversed();
        categories.sort(longestFirst);
        brands.sort(longestFirst);
    }

    public static CatalogTerms empty() {
        return new CatalogTerms(List.of(), List.of());
    }

    /** The category named in the (normalized) text, if any. */
    Optional<Match> category(String text) {
        return find(categories, text);
    }

    Optional<Match> brand(String text) {
        return find(brands, text);
    }

    private static Optional<Match> find(List<Term> terms, String text) {
        String singular = Phrases.singularWords(text);
        for (Term term : terms) {
            if (Phrases.has(singular, term.phrase())) {
                return Optional.of(new Match(term.name(), term.phrase()));
            }
        }
        return Optional.empty();
    }

    private record Term(String name, String phrase) {
    }

    /** A catalog name and the (singular) words that named it. */
    record Match(String name, String phrase) {
    }
}
