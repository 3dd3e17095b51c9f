package io.realtimestore.products.search;

import java.util.List;
import java.util.Map;

/** Ranking metrics over graded judgments (grade 0–3; gain 2^grade − 1, logarithmic discount). */
final class Metrics {

    private Metrics() {
    }

    static double ndcgAt10(List<String> ranked, Map<String, Integer> grades) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            dcg += gain(grades.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).limit(10).toList();
        double idcg = 0;
        for (int i = 0; i < ideal.size(); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant products (grade ≥ 1) found in the top 10, capped by what 10 slots can hold. */
    static double recallAt10(List<String> ranked, Map<String, Integer> grades) {
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream().limit(10).filter(sku -> grades.getOrDefault(sku, 0) > 0).count();
        return (double) found / Math.min(10, relevant);
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
