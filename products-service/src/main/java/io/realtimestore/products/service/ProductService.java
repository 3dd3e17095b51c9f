package io.realtimestore.products.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.realtimestore.dto.FacetCount;
import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductInput;
import io.realtimestore.dto.ProductView;
import io.realtimestore.products.Product;
import io.realtimestore.products.repository.ChangeLogRepository;
import io.realtimestore.products.repository.EmbeddingRepository;
import io.realtimestore.products.repository.ProductRepository;
import io.realtimestore.products.search.EmbeddingService;
import io.realtimestore.products.search.IndexSynchronizer;
import io.realtimestore.products.search.ProductVectors;
import io.realtimestore.products.search.SearchFilters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Catalog reads and writes. Each write is one transaction that also appends to the change log; once it has
 * committed, this replica's search index is updated before the call returns (other replicas follow the log).
 * Embeddings are computed outside the transaction so that a slow model never holds database locks.
 */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final EmbeddingRepository embeddingRows;
    private final ChangeLogRepository changes;
    private final EmbeddingService embeddings;
    private final ProductVectors vectors;
    private final IndexSynchronizer index;

    ProductService(ProductRepository products, EmbeddingRepository embeddingRows, ChangeLogRepository changes,
            EmbeddingService embeddings, ProductVectors vectors, IndexSynchronizer index) {
        this.products = products;
        this.embeddingRows = embeddingRows;
        this.changes = changes;
        this.embeddings = embeddings;
        this.vectors = vectors;
        this.index = index;
    }

    public PageView<ProductView> list(SearchFilters filters, ProductRepository.Order order, int page, int size) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            long total = products.count(filters);
            List<ProductView> items = products.findPage(filters, order, page, size).stream().map(ProductViews::of).toList();
            return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
        });
    }

    public ProductView get(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> ProductViews.of(find(id)));
    }

    @WithSpan("product-create")
    public ProductView create(ProductInput input) {
        String passage = EmbeddingService.passageOf(input);
        float[] vector = embeddings.embedPassages(List.of(passage)).getFirst();
        ProductView created = QuarkusTransaction.requiringNew().call(() -> {
            if (products.count("sku", input.sku()) > 0) {
                throw CatalogException.duplicateSku(input.sku());
            }
            Instant now = Instant.now();
            Product product = new Product();
            ProductInputs.apply(input, product);
            product.createdAt = now;
            product.updatedAt = now;
            products.persist(product);
            products.flush();
            vectors.save(product.id, embeddings.contentHash(passage), vector);
            changes.record(List.of(product.id));
            return ProductViews.of(product);
        });
        index.syncProducts(List.of(created.id()));
        return created;
    }

    @WithSpan("product-replace")
    public ProductView replace(long id, ProductInput input) {
        if (input.version() == null) {
            throw CatalogException.badField("version",
                    "is required when replacing a product: send the version you read (optimistic locking)");
        }
        String passage = EmbeddingService.passageOf(input);
        String hash = embeddings.contentHash(passage);
        boolean textChanged = QuarkusTransaction.requiringNew().call(() -> {
            var stored = embeddingRows.findById(id);
            return stored == null || !stored.contentHash.equals(hash);
        });
        float[] vector = textChanged ? embeddings.embedPassages(List.of(passage)).getFirst() : null;
        ProductView replaced = QuarkusTransaction.requiringNew().call(() -> {
            Product product = find(id);
            if (product.version != input.version()) {
                throw CatalogException.versionConflict(id, input.version(), product.version);
            }
            if (!product.sku.equals(input.sku()) && products.count("sku", input.sku()) > 0) {
                throw CatalogException.duplicateSku(input.sku());
            }
            ProductInputs.apply(input, product);
            product.updatedAt = Instant.now();
            if (vector != null) {
                vectors.save(id, hash, vector);
            }
            changes.record(List.of(id));
            // Flushing here runs the version check now, so a concurrent writer surfaces as a 409, not at commit.
            products.flush();
            return ProductViews.of(product);
        });
        index.syncProducts(List.of(id));
        return replaced;
    }

    @WithSpan("product-adjust-stock")
    public ProductView adjustStock(long id, int delta) {
        ProductView adjusted = QuarkusTransaction.requiringNew().call(() -> {
            if (products.adjustStock(id, delta, Instant.now()) == 0) {
                Product product = find(id);
                throw CatalogException.insufficientStock(id, product.stock, delta);
            }
            changes.record(List.of(id));
            return ProductViews.of(find(id));
        });
        index.syncProducts(List.of(id));
        return adjusted;
    }

    @WithSpan("product-delete")
    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Product product = find(id);
            embeddingRows.deleteById(id);
            products.delete(product);
            changes.record(List.of(id));
        });
        index.syncProducts(List.of(id));
    }

    public List<FacetCount> categories() {
        return QuarkusTransaction.joiningExisting().call(products::categoryCounts);
    }

    public List<FacetCount> brands() {
        return QuarkusTransaction.joiningExisting().call(products::brandCounts);
    }

    private Product find(long id) {
        Product product = products.findById(id);
        if (product == null) {
            throw CatalogException.notFound(id);
        }
        return product;
    }
}
