package io.realtimestore.voice.stt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A back-off trigram language model estimated from a small corpus, written as ARPA text (which SphinxBase's
 * {@code ngram_model_read} loads directly, so no conversion tool is needed at runtime).
 *
 * <p>Estimation: absolute discounting (each seen bigram and trigram gives up {@value #DISCOUNT} of a count), the
 * freed mass goes to the lower order through back-off weights computed so that every history's distribution sums to
 * one. Unigrams are add-half smoothed over the closed vocabulary: a template corpus has no unknown words, and the
 * general LM it is interpolated with covers everything else.
 */
final class TrigramLanguageModel {

    static final double DISCOUNT = 0.5;
    static final String START = "<s>";
    static final String END = "</s>";

    /** n-grams are keys of words joined by single spaces; a space sorts before any word character, so sorting the
     * keys as strings sorts them word by word. */
    private final Map<String, Double> unigramProbability = new TreeMap<>();
    private final Map<String, Double> bigramProbability = new TreeMap<>();
    private final Map<String, Double> trigramProbability = new TreeMap<>();
    private final Map<String, Double> unigramBackoff = new HashMap<>();
    private final Map<String, Double> bigramBackoff = new HashMap<>();

    private TrigramLanguageModel() {
    }

    static TrigramLanguageModel estimate(List<String> sentences) {
        Map<String, Integer> unigrams = new TreeMap<>();
        Map<String, Integer> bigrams = new HashMap<>();
        Map<String, Integer> trigrams = new HashMap<>();
        for (String sentence : sentences) {
            String[] words = (START + " " + sentence.strip() + " " + END).split("\\s+");
            for (int i = 0; i < words.length; i++) {
                unigrams.merge(words[i], 1, Integer::sum);
                if (i >= 1) {
                    bigrams.merge(words[i - 1] + " " + words[i], 1, Integer::sum);
                }
                if (i >= 2) {
                    trigrams.merge(words[i - 2] + " " + words[i - 1] + " " + words[i], 1, Integer::sum);
                }
            }
        }
        TrigramLanguageModel model = new TrigramLanguageModel();
        model.estimateUnigrams(unigrams);
        model.estimateHigherOrder(bigrams, model.bigramProbability, model.unigramBackoff);
        model.estimateHigherOrder(trigrams, model.trigramProbability, model.bigramBackoff);
        return model;
    }

    private void estimateUnigrams(Map<String, Integer> counts) {
        long tokens = counts.entrySet().stream().filter(e -> !e.getKey().equals(START))
                .mapToLong(Map.Entry::getValue).sum();
        int vocabulary = counts.size() - 1;
        counts.forEach((word, count) -> unigramProbability.put(word,
                word.equals(START) ? 0.0 : (count + 0.5) / (tokens + 0.5 * vocabulary)));
    }

    /**
     * Discounted probabilities of the seen n-grams, and for each history the back-off weight that gives the
     * discounted mass to the (n-1)-gram distribution of the words not seen after it.
     */
    private void estimateHigherOrder(Map<String, Integer> counts, Map<String, Double> probabilities,
                                     Map<String, Double> historyBackoff) {
        Map<String, Integer> historyCount = new HashMap<>();
        Map<String, Integer> historyFollowers = new HashMap<>();
        counts.forEach((ngram, count) -> {
            String history = history(ngram);
            historyCount.merge(history, count, Integer::sum);
            historyFollowers.merge(history, 1, Integer::sum);
        });
        Map<String, Double> seenLowerOrderMass = new HashMap<>();
        counts.forEach((ngram, count) -> {
            String history = history(ngram);
            probabilities.put(ngram, (count - DISCOUNT) / historyCount.get(history));
            seenLowerOrderMass.merge(history, probability(lowerOrder(ngram)), Double::sum);
        });
        historyCount.forEach((history, count) -> {
            double freedMass = DISCOUNT * historyFollowers.get(history) / count;
            double unseenLowerOrderMass = Math.max(1e-12, 1.0 - seenLowerOrderMass.get(history));
            historyBackoff.put(history, freedMass / unseenLowerOrderMass);
        });
    }

    /** P(last word | the words before it), backing off as the ARPA format defines. */
    double probability(String ngram) {
        String[] words = ngram.split(" ");
        return switch (words.length) {
            case 1 -> unigramProbability.getOrDefault(ngram, 0.0);
            case 2 -> bigramProbability.containsKey(ngram) ? bigramProbability.get(ngram)
                    : unigramBackoff.getOrDefault(words[0], 1.0) * probability(words[1]);
            case 3 -> trigramProbability.containsKey(ngram) ? trigramProbability.get(ngram)
                    : bigramBackoff.getOrDefault(history(ngram), 1.0) * probability(lowerOrder(ngram));
            default -> throw new IllegalArgumentException("not a 1- to 3-gram: " + ngram);
        };
    }

    /** The words the model knows, in order ({@code <s>} and {@code </s>} included). */
    List<String> vocabulary() {
        return List.copyOf(unigramProbability.keySet());
    }

    void writeArpa(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\\data\\\n");
            out.write("ngram 1=" + unigramProbability.size() + "\n");
            out.write("ngram 2=" + bigramProbability.size() + "\n");
            out.write("ngram 3=" + trigramProbability.size() + "\n");
            writeSection(out, 1, unigramProbability, unigramBackoff);
            writeSection(out, 2, bigramProbability, bigramBackoff);
            writeSection(out, 3, trigramProbability, Map.of());
            out.write("\n\\end\\\n");
        }
    }

    private static void writeSection(BufferedWriter out, int order, Map<String, Double> probabilities,
                                     Map<String, Double> backoffs) throws IOException {
        out.write("\n\\" + order + "-grams:\n");
        for (Map.Entry<String, Double> entry : probabilities.entrySet()) {
            // <s> is never predicted: ARPA's convention is a log probability of -99
            double logProbability = entry.getValue() == 0.0 ? -99 : Math.log10(entry.getValue());
            out.write(String.format(Locale.ROOT, "%.6f %s", logProbability, entry.getKey()));
            Double backoff = backoffs.get(entry.getKey());
            if (backoff != null) {
                out.write(String.format(Locale.ROOT, " %.6f", Math.log10(backoff)));
            }
            out.write('\n');
        }
    }

    private static String history(String ngram) {
        return ngram.substring(0, ngram.lastIndexOf(' '));
    }

    private static String lowerOrder(String ngram) {
        return ngram.substring(ngram.indexOf(' ') + 1);
    }
}
