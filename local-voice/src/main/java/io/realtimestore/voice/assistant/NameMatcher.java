package io.realtimestore.voice.assistant;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Which known product a few spoken words name ("the ridgeline two" → "Ridgeline 2 Ultralight Tent"). */
final class NameMatcher {

    /** At least this share of the spoken words must be in the name. */
    private static final double MIN_SCORE = 0.5;

    private NameMatcher() {
    }

    static Optional<Product> best(String spokenWords, List<Product> candidates) {
        Set<String> spoken = words(spokenWords);
        if (spoken.isEmpty()) {
            return Optional.empty();
        }
        Product best = null;
        double bestScore = 0;
        for (Product candidate : candidates) {
            Set<String> name = words(candidate.name() + " " + candidate.brand());
            long common = spoken.stream().filter(name::contains).count();
            double score = (double) common / spoken.size();
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return bestScore >= MIN_SCORE ? Optional.of(best) : Optional.empty();
    }

    /** Singular words, digits spelled out, filler dropped. */
    private static Set<String> words(String text) {
        String normalized = Phrases.normalize(text);
        Set<String> words = new HashSet<>();
        for (String word : normalized.split(" ")) {
            if (word.matches("\\d{1,4}")) {
                words.addAll(Arrays.asList(NumberWords.spell(Integer.parseInt(word)).split(" ")));
            } else if (!word.isEmpty() && !Set.of("the", "a", "an", "one", "by", "from").contains(word)) {
                words.add(Phrases.singular(word));
            }
        }
        return words.stream().collect(Collectors.toSet());
    }
}
