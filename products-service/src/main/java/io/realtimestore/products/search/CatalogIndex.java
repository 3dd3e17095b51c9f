package io.realtimestore.products.search;

import io.quarkus.logging.Log;
import io.realtimestore.dto.ProductView;
import io.realtimestore.products.config.ProductsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * The in-process search index: BM25 text fields, an HNSW vector field and filter fields in one Lucene index.
 * It is derived data: built from the database at start and kept current by {@link IndexSynchronizer}; the files
 * live in a fresh folder under the data directory (memory-mapped, so the OS, not the heap, holds them).
 *
 * <p>Each product's indexed version is remembered so that a late, older copy of a product never overwrites a
 * newer one, and deleted ids are remembered so a late update cannot resurrect them.
 */
@ApplicationScoped
public class CatalogIndex {

    private static final long DELETED = Long.MAX_VALUE;
    private static final int MIN_VECTOR_CANDIDATES = 100;

    private final ProductsConfig config;
    private final Map<Long, Long> indexedVersions = new ConcurrentHashMap<>();
    private Path folder;
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private volatile boolean ready;

    CatalogIndex(ProductsConfig config) {
        this.config = config;
    }

    @PostConstruct
    void open() {
        try {
            Path root = config.dataDir().resolve("search-index");
            deleteOldIndexes(root);
            folder = Files.createDirectories(root.resolve("index-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
            directory = new MMapDirectory(folder);
            IndexWriterConfig writerConfig = new IndexWriterConfig(ProductAnalyzers.INDEXING)
                    .setOpenMode(OpenMode.CREATE)
                    .setRAMBufferSizeMB(64);
            writer = new IndexWriter(directory, writerConfig);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the search index under " + config.dataDir()
                    + ": make PRODUCTS_DATA_DIR writable", e);
        }
    }

    @PreDestroy
    void close() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
            deleteRecursively(folder);
        } catch (IOException e) {
            Log.warnf("Could not remove the search index folder %s: %s", folder, e.getMessage());
        }
    }

    /** Adds or replaces a product unless the index already holds this version or a newer one. */
    public void upsert(ProductView product, float[] vector) {
        indexedVersions.compute(product.id(), (id, current) -> {
            if (current != null && current >= product.version()) {
                return current;
            }
            try {
                writer.updateDocument(new Term(ProductDocuments.ID, Long.toString(id)),
                        ProductDocuments.toDocument(product, vector));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return product.version();
        });
    }

    public void delete(long productId) {
        indexedVersions.compute(productId, (id, current) -> {
            try {
                writer.deleteDocuments(new Term(ProductDocuments.ID, Long.toString(id)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return DELETED;
        });
    }

    /** Makes every change so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean holdsCurrent(long productId, long version) {
        Long current = indexedVersions.get(productId);
        return current != null && current >= version;
    }

    public void markReady() {
        refresh();
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }

    public int size() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    public record Hit(ProductView product, float score) {
    }

    /** Ranked products for a Lucene query, restricted by an optional filter. */
    public List<Hit> search(Query query, Query filter, int limit) {
        return run(filter == null ? query : withFilter(query, filter), limit);
    }

    /**
     * Approximate nearest neighbours of a unit vector, with the filter applied during the graph search. The graph
     * is searched for at least {@value #MIN_VECTOR_CANDIDATES} candidates (the beam width): asking HNSW for only
     * the ten hits a page shows lets a dense cluster of near-identical products trap the search.
     */
    public List<Hit> nearest(float[] vector, Query filter, int limit) {
        return run(searcher -> first(searcher.search(vectorQuery(vector, filter, limit), candidates(limit)), limit));
    }

    /**
     * Reciprocal rank fusion of a BM25 ranking and a vector ranking, {@code depth} deep each. Both run on one
     * point-in-time searcher, so they are fused by Lucene document number and only the final hits are read.
     */
    public List<Hit> fused(Query lexical, float[] vector, Query filter, int depth, int rrfK, int limit) {
        Query text = filter == null ? lexical : withFilter(lexical, filter);
        return run(searcher -> RankFusion.reciprocal(List.of(
                searcher.search(text, depth).scoreDocs,
                searcher.search(vectorQuery(vector, filter, depth), candidates(depth)).scoreDocs), depth, rrfK, limit));
    }

    private static Query vectorQuery(float[] vector, Query filter, int limit) {
        return new KnnFloatVectorQuery(ProductDocuments.VECTOR, vector, candidates(limit), filter);
    }

    private static int candidates(int limit) {
        return Math.max(limit, MIN_VECTOR_CANDIDATES);
    }

    private static TopDocs first(TopDocs top, int limit) {
        if (top.scoreDocs.length <= limit) {
            return top;
        }
        return new TopDocs(top.totalHits, Arrays.copyOf(top.scoreDocs, limit));
    }

    /** Products matching the filter (all when null) in price order. */
    public List<Hit> byPrice(Query filter, boolean ascending, int limit) {
        Query query = filter == null ? new MatchAllDocsQuery() : filter;
        Sort sort = new Sort(new SortField(ProductDocuments.PRICE, SortField.Type.DOUBLE, !ascending));
        return run(searcher -> searcher.search(query, limit, sort));
    }

    /** How many products contain this (analysed) term in any text field: zero suggests a misspelling. */
    int documentFrequency(String term) {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().docFreq(new Term(ProductDocuments.ALL, term));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    private List<Hit> run(Query query, int limit) {
        return run(searcher -> searcher.search(query, limit));
    }

    private interface TopDocsQuery {
        TopDocs apply(IndexSearcher searcher) throws IOException;
    }

    private List<Hit> run(TopDocsQuery query) {
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = query.apply(searcher);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            var storedFields = searcher.storedFields();
            for (ScoreDoc scoreDoc : top.scoreDocs) {
                // Sorted searches carry no relevance score (NaN); report 1 so clients see a number.
                float score = Float.isNaN(scoreDoc.score) ? 1f : scoreDoc.score;
                hits.add(new Hit(ProductDocuments.viewOf(storedFields.document(scoreDoc.doc)), score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    private static Query withFilter(Query query, Query filter) {
        return new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index folders of earlier runs are stale by definition (the index is rebuilt at every start). */
    private static void deleteOldIndexes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> old = Files.list(root)) {
            for (Path path : old.toList()) {
                String name = path.getFileName().toString();
                String pid = name.startsWith("index-") ? name.substring(6, Math.max(6, name.indexOf('-', 6))) : "";
                boolean ownerAlive = !pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!ownerAlive) {
                    deleteRecursively(path);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
