package io.realtimestore.voice.stt;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the domain language model is built from: the live catalog's words, as written in the catalog
 * ("Ridgeline 2 Ultralight Tent", "Sleeping Bags", "Terravolt", "car-camping"). Turning them into spoken words
 * ("ridgeline two ultralight tent") is the recognizer's job, so callers pass the catalog text unchanged.
 *
 * <p>A {@code null} list is read as empty; the lists are copied.
 */
public record CatalogVocabulary(List<String> productNames, List<String> categories, List<String> brands, List<String> tags) {

    public CatalogVocabulary {
        productNames = copy(productNames);
        categories = copy(categories);
        brands = copy(brands);
        tags = copy(tags);
    }

    public static CatalogVocabulary empty() {
        return new CatalogVocabulary(List.of(), List.of(), List.of(), List.of());
    }

    /**
     * true when the other vocabulary differs enough that the LM should be rebuilt: an entry was added or removed in any
     * of the four lists. Order, duplicates, letter case and extra spaces do not count, because they do not change what
     * can be said.
     */
    public boolean differsMateriallyFrom(CatalogVocabulary other) {
        Objects.requireNonNull(other, "other");
        return !canonical(productNames).equals(canonical(other.productNames))
                || !canonical(categories).equals(canonical(other.categories))
                || !canonical(brands).equals(canonical(other.brands))
                || !canonical(tags).equals(canonical(other.tags));
    }

    private static List<String> copy(List<String> entries) {
        return entries == null ? List.of() : List.copyOf(entries);
    }

    private static Set<String> canonical(List<String> entries) {
        return entries.stream()
                .map(entry -> entry.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toSet());
    }
}
