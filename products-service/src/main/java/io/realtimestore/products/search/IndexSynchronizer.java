package io.realtimestore.products.search;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.realtimestore.products.CatalogChange;
import io.realtimestore.products.Product;
import io.realtimestore.products.ProductEmbedding;
import io.realtimestore.products.config.SearchConfig;
import io.realtimestore.products.repository.ChangeLogRepository;
import io.realtimestore.products.repository.EmbeddingRepository;
import io.realtimestore.products.repository.ProductRepository;
import io.realtimestore.products.service.ProductViews;
import io.realtimestore.products.service.SeedCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the in-process index equal to the database. At start (on its own thread, readiness DOWN meanwhile) it
 * loads the seed catalog if the catalog is empty, then indexes every product. Afterwards it follows the
 * {@code catalog_change} log every {@code search.sync.interval}, so writes made through any replica reach this
 * replica's index within seconds; the replica that made a write applies it at once.
 *
 * <p>Applying is idempotent — each change re-reads the product's current row — so re-reading a change is
 * harmless. That lets the cursor wait at a gap in the log (a write whose transaction has not committed yet)
 * for up to {@code search.sync.gap-grace} without losing it.
 */
@ApplicationScoped
public class IndexSynchronizer {

    private static final int CHUNK = 500;
    private static final int POLL_LIMIT = 2000;

    private final CatalogIndex index;
    private final ProductRepository products;
    private final EmbeddingRepository embeddings;
    private final ChangeLogRepository changes;
    private final ProductVectors vectors;
    private final SeedCatalog seed;
    private final SearchConfig config;

    private long cursor;
    private Instant gapSeenAt;
    private volatile String startFailure;

    IndexSynchronizer(CatalogIndex index, ProductRepository products, EmbeddingRepository embeddings,
            ChangeLogRepository changes, ProductVectors vectors, SeedCatalog seed, SearchConfig config) {
        this.index = index;
        this.products = products;
        this.embeddings = embeddings;
        this.changes = changes;
        this.vectors = vectors;
        this.seed = seed;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("catalog-index-build").daemon().start(this::buildAtStart);
    }

    /** Null while starting or when healthy; otherwise why the index could not be built. */
    public String startFailure() {
        return startFailure;
    }

    private void buildAtStart() {
        try {
            long started = System.nanoTime();
            seed.loadIfCatalogEmpty();
            cursor = QuarkusTransaction.requiringNew().call(changes::lastSeq);
            long indexed = 0;
            long afterId = 0;
            while (true) {
                long from = afterId;
                List<Product> chunk = QuarkusTransaction.requiringNew().call(() -> products.nextChunk(from, CHUNK));
                if (chunk.isEmpty()) {
                    break;
                }
                apply(chunk);
                indexed += chunk.size();
                afterId = chunk.getLast().id;
            }
            index.markReady();
            Log.infof("Search index ready: %d products in %d ms", indexed, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            startFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            Log.error("The search index could not be built; readiness stays DOWN", e);
        }
    }

    /** Brings these products' index entries up to date with the database (deleting those that are gone). */
    public void syncProducts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> wanted = new LinkedHashSet<>(ids);
        List<Product> current = QuarkusTransaction.requiringNew().call(() -> products.findByIds(wanted));
        Set<Long> present = current.stream().map(p -> p.id).collect(Collectors.toSet());
        wanted.stream().filter(id -> !present.contains(id)).forEach(index::delete);
        apply(current);
        index.refresh();
    }

    private void apply(List<Product> chunk) {
        List<Product> stale = chunk.stream().filter(p -> !index.holdsCurrent(p.id, p.version)).toList();
        if (stale.isEmpty()) {
            return;
        }
        Map<Long, ProductEmbedding> stored = QuarkusTransaction.requiringNew()
                .call(() -> embeddings.findByProductIds(stale.stream().map(p -> p.id).toList()));
        Map<Long, float[]> byId = vectors.vectorsFor(stale, stored);
        for (Product p : stale) {
            index.upsert(ProductViews.of(p), byId.get(p.id));
        }
    }

    @Scheduled(every = "${search.sync.interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void followChangeLog() {
        if (!index.isReady()) {
            return;
        }
        List<CatalogChange> rows = QuarkusTransaction.requiringNew().call(() -> changes.after(cursor, POLL_LIMIT));
        if (rows.isEmpty()) {
            return;
        }
        syncProducts(rows.stream().map(c -> c.productId).toList());
        advanceCursor(rows);
    }

    private void advanceCursor(List<CatalogChange> rows) {
        long next = cursor;
        boolean waitingAtGap = false;
        for (CatalogChange row : rows) {
            if (row.seq != next + 1) {
                Instant now = Instant.now();
                if (gapSeenAt == null) {
                    gapSeenAt = now;
                }
                if (Duration.between(gapSeenAt, now).compareTo(config.sync().gapGrace()) < 0) {
                    waitingAtGap = true;
                    break;
                }
                Log.debugf("Change-log gap after seq %d treated as a rolled-back write", next);
                gapSeenAt = null;
            }
            next = row.seq;
        }
        if (!waitingAtGap) {
            gapSeenAt = null;
        }
        cursor = next;
    }

    @Scheduled(every = "1h", delayed = "1m")
    void pruneChangeLog() {
        Instant cutoff = Instant.now().minus(config.sync().retention());
        long removed = QuarkusTransaction.requiringNew().call(() -> changes.deleteOlderThan(cutoff));
        if (removed > 0) {
            Log.debugf("Pruned %d change-log rows older than %s", removed, cutoff);
        }
    }
}
