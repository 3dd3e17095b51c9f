package io.realtimestore.products.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Text analysis. Free text uses Lucene's English analyzer (possessives, stop words, Porter stemming). Names are
 * also indexed as joined word pairs ("power bank" → "powerbank") so shoppers who write compounds as one word
 * still match.
 */
final class ProductAnalyzers {

    static final Analyzer ENGLISH = new EnglishAnalyzer();

    /** Adjacent words joined with no separator; unigrams are left to the English fields. */
    static final Analyzer COMPOUND = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            ShingleFilter shingles = new ShingleFilter(stream, 2, 2);
            shingles.setOutputUnigrams(false);
            shingles.setTokenSeparator("");
            return new TokenStreamComponents(tokenizer, shingles);
        }
    };

    /** Lower-cased words with no stemming, for matching a query word against the joined pairs. */
    static final Analyzer PLAIN = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
        }
    };

    static final Analyzer INDEXING = new PerFieldAnalyzerWrapper(ENGLISH,
            Map.of(ProductDocuments.NAME_COMPOUND, COMPOUND));

    private ProductAnalyzers() {
    }

    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
