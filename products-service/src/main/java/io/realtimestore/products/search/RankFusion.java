package io.realtimestore.products.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * Reciprocal rank fusion: each ranking adds 1 / (k + rank) to a document's score. It needs no calibration between
 * BM25 scores and vector similarities, which live on unrelated scales.
 */
final class RankFusion {

    private RankFusion() {
    }

    /** Fuses rankings of Lucene document numbers (from one searcher); ties keep the order of first appearance. */
    static TopDocs reciprocal(List<ScoreDoc[]> rankings, int depth, int k, int limit) {
        Map<Integer, Double> fused = new LinkedHashMap<>();
        for (ScoreDoc[] ranking : rankings) {
            for (int rank = 0; rank < Math.min(depth, ranking.length); rank++) {
                fused.merge(ranking[rank].doc, 1.0 / (k + rank + 1), Double::sum);
            }
        }
        List<ScoreDoc> ordered = new ArrayList<>(fused.size());
        fused.forEach((doc, score) -> ordered.add(new ScoreDoc(doc, score.floatValue())));
        ordered.sort(Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed());
        List<ScoreDoc> top = ordered.subList(0, Math.min(limit, ordered.size()));
        return new TopDocs(new TotalHits(fused.size(), TotalHits.Relation.EQUAL_TO), top.toArray(ScoreDoc[]::new));
    }
}
