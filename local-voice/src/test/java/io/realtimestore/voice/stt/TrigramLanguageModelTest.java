package io.realtimestore.voice.stt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrigramLanguageModelTest {

    private static final List<String> CORPUS = List.of(
            "show me tents", "show me tents under fifty dollars", "show me sleeping bags",
            "is the tent in stock", "is the sleeping bag in stock", "compare the first two", "show me more");

    private final TrigramLanguageModel model = TrigramLanguageModel.estimate(CORPUS);

    @Test
    void everyHistorysDistributionSumsToOne() {
        List<String> predictable = model.vocabulary().stream().filter(word -> !word.equals("<s>")).toList();
        for (String history : List.of("", "show ", "the ", "<s> show ", "show me ", "me tents ", "in stock ")) {
            double sum = predictable.stream().mapToDouble(word -> model.probability(history + word)).sum();
            assertThat(sum).as("P(. | %s)", history).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void seenContinuationsAreLikelierThanUnseenOnes() {
        assertThat(model.probability("show me tents")).isGreaterThan(model.probability("show me stock"));
        assertThat(model.probability("in stock")).isGreaterThan(0.5);
    }

    @Test
    void writesArpaWithCountsMatchingTheSections(@TempDir Path directory) throws IOException {
        Path arpa = directory.resolve("shop.arpa");
        model.writeArpa(arpa);
        List<String> lines = Files.readAllLines(arpa);

        assertThat(lines.getFirst()).isEqualTo("\\data\\");
        assertThat(lines.getLast()).isEqualTo("\\end\\");
        for (int order = 1; order <= 3; order++) {
            String header = "ngram " + order + "=";
            int declared = Integer.parseInt(lines.stream().filter(line -> line.startsWith(header)).findFirst()
                    .orElseThrow().substring(header.length()));
            int section = lines.indexOf("\\" + order + "-grams:");
            long entries = lines.stream().skip(section + 1).takeWhile(line -> !line.isEmpty()).count();
            assertThat(entries).as("%d-grams", order).isEqualTo(declared);
        }
        assertThat(lines).contains("-99.000000 <s> " + String.format(java.util.Locale.ROOT, "%.6f",
                Math.log10(backoffOfSentenceStart())));
    }

    /** Recomputed by hand: "<s>" is followed by show (4), is (2), compare (1). */
    private double backoffOfSentenceStart() {
        double freed = TrigramLanguageModel.DISCOUNT * 3 / 7;
        double seenUnigrams = model.probability("show") + model.probability("is") + model.probability("compare");
        return freed / (1 - seenUnigrams);
    }
}
