package io.realtimestore.products.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the BM25 query for a shopper's words. Each stemmed word may match any text field, weighted so that a
 * match in the name or category counts more than one in the description. A word that occurs nowhere in the
 * catalog is most likely misspelt, so it is matched fuzzily instead (one edit for short words, two for long
 * ones) — correct words never pay for fuzzy expansion. Adjacent words are also tried joined ("power bank" ↔
 * "powerbank").
 */
final class KeywordQueryBuilder {

    private static final float NAME_BOOST = 3f;
    private static final float CATEGORY_BOOST = 2.5f;
    private static final float BRAND_BOOST = 2f;
    private static final float TAGS_BOOST = 1.5f;
    private static final float DESCRIPTION_BOOST = 1f;
    private static final float FUZZY_BOOST = 0.8f;
    private static final float COMPOUND_BOOST = 3f;

    private final CatalogIndex index;

    KeywordQueryBuilder(CatalogIndex index) {
        this.index = index;
    }

    Query build(String text) {
        List<String> words = ProductAnalyzers.tokens(ProductAnalyzers.ENGLISH, text);
        if (words.isEmpty() && text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : new LinkedHashSet<>(words)) {
            query.add(wordQuery(word), Occur.SHOULD);
        }
        for (String compound : compounds(text)) {
            query.add(new BoostQuery(new TermQuery(new Term(ProductDocuments.NAME_COMPOUND, compound)), COMPOUND_BOOST),
                    Occur.SHOULD);
        }
        return query.build();
    }

    private Query wordQuery(String word) {
        if (word.length() >= 4 && index.documentFrequency(word) == 0) {
            int edits = word.length() >= 7 ? 2 : 1;
            return new BoostQuery(new FuzzyQuery(new Term(ProductDocuments.ALL, word), edits, 1), FUZZY_BOOST);
        }
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        anyField.add(boosted(ProductDocuments.NAME, word, NAME_BOOST), Occur.SHOULD);
        anyField.add(boosted(ProductDocuments.CATEGORY, word, CATEGORY_BOOST), Occur.SHOULD);
        anyField.add(boosted(ProductDocuments.BRAND, word, BRAND_BOOST), Occur.SHOULD);
        anyField.add(boosted(ProductDocuments.TAGS, word, TAGS_BOOST), Occur.SHOULD);
        anyField.add(boosted(ProductDocuments.DESCRIPTION, word, DESCRIPTION_BOOST), Occur.SHOULD);
        return anyField.build();
    }

    private static Query boosted(String field, String word, float boost) {
        return new BoostQuery(new TermQuery(new Term(field, word)), boost);
    }

    /** Single words (which may be a compound written as one) and adjacent pairs joined. */
    private static Set<String> compounds(String text) {
        List<String> plain = ProductAnalyzers.tokens(ProductAnalyzers.PLAIN, text);
        Set<String> compounds = new LinkedHashSet<>();
        for (int i = 0; i < plain.size(); i++) {
            if (plain.get(i).length() >= 6) {
                compounds.add(plain.get(i));
            }
            if (i + 1 < plain.size()) {
                compounds.add(plain.get(i) + plain.get(i + 1));
            }
        }
        return compounds;
    }
}
