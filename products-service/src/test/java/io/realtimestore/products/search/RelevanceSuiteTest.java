package io.realtimestore.products.search;

import static io.realtimestore.products.support.Api.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realtimestore.dto.SearchMode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Ranks the graded relevance judgments (src/test/resources/relevance/judgments.json) over the seed catalog in
 * every mode, prints nDCG@10 and recall@10 per mode and per query kind, writes target/relevance-report.md,
 * and holds each mode to a floor so a ranking regression fails the build.
 */
@QuarkusTest
@TestProfile(SeedCatalogProfile.class)
class RelevanceSuiteTest {

    record Judgment(String query, String kind, Map<String, Integer> relevant) {
    }

    /** Floors sit a little under what the suite measured (see products-service/RELEVANCE.md). */
    static final Map<SearchMode, Double> NDCG_FLOOR = Map.of(
            SearchMode.KEYWORD, 0.78, SearchMode.SEMANTIC, 0.78, SearchMode.HYBRID, 0.82);
    static final Map<SearchMode, Double> RECALL_FLOOR = Map.of(
            SearchMode.KEYWORD, 0.77, SearchMode.SEMANTIC, 0.80, SearchMode.HYBRID, 0.82);

    @Inject
    ProductSearch search;
    @Inject
    EmbeddingService embeddings;

    @Test
    void rankingQualityMeetsTheFloors() throws IOException {
        awaitReady();
        List<Judgment> judgments = load();
        assertThat(judgments).hasSizeGreaterThanOrEqualTo(40);

        Map<SearchMode, double[]> totals = new EnumMap<>(SearchMode.class);
        Map<String, Map<SearchMode, double[]>> byKind = new TreeMap<>();
        StringBuilder perQuery = new StringBuilder();
        for (Judgment j : judgments) {
            perQuery.append("| ").append(j.query()).append(" | ").append(j.kind());
            for (SearchMode mode : SearchMode.values()) {
                List<String> ranked = search.search(j.query(), mode, SearchFilters.NONE, 10).hits().stream()
                        .map(h -> h.product().sku()).toList();
                double ndcg = Metrics.ndcgAt10(ranked, j.relevant());
                double recall = Metrics.recallAt10(ranked, j.relevant());
                add(totals.computeIfAbsent(mode, m -> new double[2]), ndcg, recall);
                add(byKind.computeIfAbsent(j.kind(), k -> new EnumMap<>(SearchMode.class))
                        .computeIfAbsent(mode, m -> new double[3]), ndcg, recall);
                perQuery.append(String.format(Locale.ROOT, " | %.2f / %.2f", ndcg, recall));
            }
            perQuery.append(" |\n");
        }

        StringBuilder report = new StringBuilder("# Relevance on the seed catalog\n\n")
                .append("Model: ").append(embeddings.modelId()).append("; queries: ").append(judgments.size()).append("\n\n")
                .append("| mode | nDCG@10 | recall@10 |\n|---|---|---|\n");
        for (SearchMode mode : SearchMode.values()) {
            double[] t = totals.get(mode);
            report.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", mode.wireName(), t[0] / judgments.size(),
                    t[1] / judgments.size()));
        }
        report.append("\n| kind | queries | keyword nDCG | semantic nDCG | hybrid nDCG |\n|---|---|---|---|---|\n");
        byKind.forEach((kind, modes) -> {
            double n = modes.get(SearchMode.KEYWORD)[2];
            report.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %.3f | %.3f |%n", kind, n,
                    modes.get(SearchMode.KEYWORD)[0] / n, modes.get(SearchMode.SEMANTIC)[0] / n,
                    modes.get(SearchMode.HYBRID)[0] / n));
        });
        report.append("\n| query | kind | keyword nDCG / recall | semantic | hybrid |\n|---|---|---|---|---|\n").append(perQuery);
        Path out = Path.of("target", "relevance-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report.substring(0, report.indexOf("| query |")));

        for (SearchMode mode : SearchMode.values()) {
            double[] t = totals.get(mode);
            assertThat(t[0] / judgments.size()).as("nDCG@10 of %s", mode).isGreaterThanOrEqualTo(NDCG_FLOOR.get(mode));
            assertThat(t[1] / judgments.size()).as("recall@10 of %s", mode).isGreaterThanOrEqualTo(RECALL_FLOOR.get(mode));
        }
    }

    private static void add(double[] sums, double ndcg, double recall) {
        sums[0] += ndcg;
        sums[1] += recall;
        if (sums.length > 2) {
            sums[2]++;
        }
    }

    private static List<Judgment> load() throws IOException {
        try (InputStream in = RelevanceSuiteTest.class.getResourceAsStream("/relevance/judgments.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }
}
