package io.realtimestore.products.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.realtimestore.dto.ImportReport;
import io.realtimestore.dto.ProductInput;
import io.realtimestore.products.Product;
import io.realtimestore.products.ProductEmbedding;
import io.realtimestore.products.config.ProductsConfig;
import io.realtimestore.products.repository.ChangeLogRepository;
import io.realtimestore.products.repository.EmbeddingRepository;
import io.realtimestore.products.repository.ProductRepository;
import io.realtimestore.products.search.EmbeddingService;
import io.realtimestore.products.search.IndexSynchronizer;
import io.realtimestore.products.search.ProductVectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bulk import. Rows stream in and are handled in batches: each batch is embedded (only rows whose text changed),
 * then written in one transaction that inserts new SKUs and updates existing ones, then indexed. Memory stays
 * bounded by the batch size whatever the file size. A bad row is rejected with its reason and never stops the
 * rest; a batch that cannot be written is rejected as a whole with the database's reason.
 */
@ApplicationScoped
public class ImportService {

    public enum Format { NDJSON, CSV }

    private static final long PROGRESS_EVERY = 10_000;

    private final ProductRepository products;
    private final EmbeddingRepository embeddingRows;
    private final ChangeLogRepository changes;
    private final EmbeddingService embeddings;
    private final ProductVectors vectors;
    private final IndexSynchronizer index;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final ProductsConfig config;

    ImportService(ProductRepository products, EmbeddingRepository embeddingRows, ChangeLogRepository changes,
            EmbeddingService embeddings, ProductVectors vectors, IndexSynchronizer index, Validator validator,
            ObjectMapper mapper, ProductsConfig config) {
        this.products = products;
        this.embeddingRows = embeddingRows;
        this.changes = changes;
        this.embeddings = embeddings;
        this.vectors = vectors;
        this.index = index;
        this.validator = validator;
        this.mapper = mapper;
        this.config = config;
    }

    @WithSpan("product-import")
    public ImportReport importProducts(InputStream body, Format format) {
        long started = System.nanoTime();
        Tally tally = new Tally(config.importing().maxListedRejections());
        // Embedding (both cores, in the model) overlaps with writing and indexing the previous batch.
        ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("catalog-import-writer").factory());
        Pipeline pipeline = new Pipeline(writer);
        try (ImportRowReader reader = open(body, format)) {
            List<ImportRow> batch = new ArrayList<>(config.importing().batchSize());
            ImportRow row;
            while ((row = reader.next()) != null) {
                if (row.problem() != null) {
                    tally.reject(row.number(), row.sku(), row.problem());
                    continue;
                }
                batch.add(row);
                if (batch.size() == config.importing().batchSize()) {
                    pipeline.submit(List.copyOf(batch), tally);
                    batch.clear();
                }
                if (row.number() % PROGRESS_EVERY == 0) {
                    Log.infof("Import in progress: %d rows read (%s)", row.number(), tally.timeSplit());
                }
            }
            pipeline.submit(List.copyOf(batch), tally);
            pipeline.awaitLast();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ImportReport report = tally.report(millis);
        Log.infof("Import finished in %d ms: %d accepted (%d created, %d updated), %d rejected (%s)",
                millis, report.accepted(), report.created(), report.updated(), report.rejected(), tally.timeSplit());
        return report;
    }

    private ImportRowReader open(InputStream body, Format format) throws IOException {
        int maxRow = config.importing().maxRowChars();
        return switch (format) {
            case NDJSON -> new NdjsonRowReader(body, mapper, validator, maxRow);
            case CSV -> new CsvRowReader(body, validator, maxRow);
        };
    }

    /** Embeds a batch on the caller's thread and hands it to the writer; at most one batch waits to be written. */
    private final class Pipeline {
        private final ExecutorService writer;
        private Future<?> pending;

        Pipeline(ExecutorService writer) {
            this.writer = writer;
        }

        void submit(List<ImportRow> rows, Tally tally) {
            if (rows.isEmpty()) {
                return;
            }
            // The last row for a SKU wins; earlier rows for the same SKU in this batch count as updates.
            Map<String, ImportRow> bySku = new LinkedHashMap<>();
            rows.forEach(r -> bySku.put(r.input().sku().strip(), r));
            Map<String, NewVector> vectors;
            try {
                long started = System.nanoTime();
                vectors = embedChanged(bySku);
                tally.addEmbedding(System.nanoTime() - started);
            } catch (RuntimeException e) {
                tally.rejectBatch(rows, e);
                return;
            }
            awaitLast();
            pending = writer.submit(() -> write(rows, bySku, vectors, tally));
        }

        void awaitLast() {
            if (pending == null) {
                return;
            }
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("import writer failed", e.getCause());
            }
        }
    }

    private void write(List<ImportRow> rows, Map<String, ImportRow> bySku, Map<String, NewVector> vectors, Tally tally) {
        try {
            long started = System.nanoTime();
            BatchResult result = QuarkusTransaction.requiringNew().call(() -> upsert(bySku, vectors));
            long written = System.nanoTime();
            index.syncProducts(result.ids());
            tally.addWritten(rows.size(), result.created(), written - started, System.nanoTime() - written);
        } catch (RuntimeException e) {
            tally.rejectBatch(rows, e);
        }
    }

    /** A freshly computed vector and the content hash it was computed for. */
    private record NewVector(String contentHash, float[] vector) {
    }

    /** Embeds only the rows whose searchable text differs from what is stored for that SKU. */
    private Map<String, NewVector> embedChanged(Map<String, ImportRow> bySku) {
        Map<String, String> storedHashBySku = QuarkusTransaction.requiringNew().call(() -> {
            List<Product> existing = products.findBySkus(bySku.keySet());
            Map<Long, ProductEmbedding> stored = embeddingRows.findByProductIds(existing.stream().map(p -> p.id).toList());
            return existing.stream().filter(p -> stored.containsKey(p.id))
                    .collect(Collectors.toMap(p -> p.sku, p -> stored.get(p.id).contentHash));
        });
        List<String> skus = new ArrayList<>();
        List<String> passages = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        bySku.forEach((sku, row) -> {
            String passage = EmbeddingService.passageOf(row.input());
            String hash = embeddings.contentHash(passage);
            if (!hash.equals(storedHashBySku.get(sku))) {
                skus.add(sku);
                passages.add(passage);
                hashes.add(hash);
            }
        });
        List<float[]> computed = embeddings.embedPassages(passages);
        Map<String, NewVector> bySkuVector = new LinkedHashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            bySkuVector.put(skus.get(i), new NewVector(hashes.get(i), computed.get(i)));
        }
        return bySkuVector;
    }

    private record BatchResult(List<Long> ids, int created) {
    }

    private BatchResult upsert(Map<String, ImportRow> bySku, Map<String, NewVector> newVectors) {
        Map<String, Product> existing = products.findBySkus(bySku.keySet()).stream()
                .collect(Collectors.toMap(p -> p.sku, Function.identity()));
        Instant now = Instant.now();
        int created = 0;
        List<Product> written = new ArrayList<>(bySku.size());
        for (var entry : bySku.entrySet()) {
            ProductInput input = entry.getValue().input();
            Product product = existing.get(entry.getKey());
            if (product == null) {
                product = new Product();
                product.createdAt = now;
                ProductInputs.apply(input, product);
                product.updatedAt = now;
                products.persist(product);
                created++;
            } else {
                ProductInputs.apply(input, product);
                product.updatedAt = now;
            }
            written.add(product);
        }
        products.flush();
        Map<Long, ProductEmbedding> storedVectors = embeddingRows.findByProductIds(
                written.stream().filter(p -> newVectors.containsKey(p.sku)).map(p -> p.id).toList());
        for (Product product : written) {
            NewVector computed = newVectors.get(product.sku);
            if (computed != null) {
                vectors.save(product.id, computed.contentHash(), computed.vector(), storedVectors.get(product.id));
            }
        }
        List<Long> ids = written.stream().map(p -> p.id).toList();
        changes.record(ids);
        return new BatchResult(ids, created);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    /**
     * Running counts for one import, updated by the reading thread (bad rows, embedding time) and the writer
     * thread (stored rows); only the first {@code maxListed} rejections are kept with their reason.
     */
    private static final class Tally {
        final int maxListed;
        final List<ImportReport.Rejection> rejections = new ArrayList<>();
        long accepted;
        long created;
        long updated;
        long rejected;
        long embedNanos;
        long writeNanos;
        long indexNanos;

        Tally(int maxListed) {
            this.maxListed = maxListed;
        }

        synchronized void addEmbedding(long nanos) {
            embedNanos += nanos;
        }

        synchronized void addWritten(int rows, int newProducts, long writeTime, long indexTime) {
            accepted += rows;
            created += newProducts;
            updated += rows - newProducts;
            writeNanos += writeTime;
            indexNanos += indexTime;
        }

        synchronized void rejectBatch(List<ImportRow> rows, RuntimeException e) {
            String reason = "batch could not be saved: " + rootMessage(e);
            Log.warnf("Import batch of %d rows rejected: %s", rows.size(), rootMessage(e));
            rows.forEach(r -> reject(r.number(), r.sku(), reason));
        }

        synchronized void reject(long row, String sku, String reason) {
            rejected++;
            if (rejections.size() < maxListed) {
                rejections.add(new ImportReport.Rejection(row, sku, reason));
            }
        }

        /** Where the time went, so a slow import says whether the model, the database or the index is the bottleneck. */
        synchronized String timeSplit() {
            return String.format("embedding %d ms, database %d ms, index %d ms",
                    embedNanos / 1_000_000, writeNanos / 1_000_000, indexNanos / 1_000_000);
        }

        synchronized ImportReport report(long millis) {
            return new ImportReport(accepted, created, updated, rejected, List.copyOf(rejections),
                    rejected > rejections.size(), millis);
        }
    }
}
