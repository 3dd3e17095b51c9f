package io.realtimestore.products.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.realtimestore.products.Product;
import io.realtimestore.products.ProductEmbedding;
import io.realtimestore.products.repository.EmbeddingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors for products: the stored one when it was made by the current model from the current text, otherwise
 * a new one, computed in batches and stored so no later start or replica computes it again.
 */
@ApplicationScoped
public class ProductVectors {

    private final EmbeddingService embeddings;
    private final EmbeddingRepository stored;

    ProductVectors(EmbeddingService embeddings, EmbeddingRepository stored) {
        this.embeddings = embeddings;
        this.stored = stored;
    }

    /** Vectors keyed by product id. Must be called outside a transaction: model calls can be slow. */
    public Map<Long, float[]> vectorsFor(List<Product> products, Map<Long, ProductEmbedding> existing) {
        Map<Long, float[]> vectors = new HashMap<>();
        List<Product> missing = new ArrayList<>();
        List<String> passages = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (Product p : products) {
            String passage = EmbeddingService.passageOf(p);
            String hash = embeddings.contentHash(passage);
            ProductEmbedding e = existing.get(p.id);
            if (e != null && e.contentHash.equals(hash)) {
                vectors.put(p.id, EmbeddingService.fromBytes(e.vector));
            } else {
                missing.add(p);
                passages.add(passage);
                hashes.add(hash);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = embeddings.embedPassages(passages);
            QuarkusTransaction.requiringNew().run(() -> {
                Map<Long, ProductEmbedding> rows = stored.findByProductIds(missing.stream().map(p -> p.id).toList());
                for (int i = 0; i < missing.size(); i++) {
                    save(missing.get(i).id, hashes.get(i), computed.get(i), rows.get(missing.get(i).id));
                }
            });
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i).id, computed.get(i));
            }
        }
        return vectors;
    }

    /** Stores a vector inside the caller's transaction. */
    public void save(long productId, String contentHash, float[] vector) {
        save(productId, contentHash, vector, stored.findById(productId));
    }

    /** Stores a vector inside the caller's transaction, given the product's current row (null when it has none). */
    public void save(long productId, String contentHash, float[] vector, ProductEmbedding current) {
        ProductEmbedding e = current;
        boolean isNew = e == null;
        if (isNew) {
            e = new ProductEmbedding();
            e.productId = productId;
        }
        e.modelId = embeddings.modelId();
        e.contentHash = contentHash;
        e.dimensions = vector.length;
        e.vector = EmbeddingService.toBytes(vector);
        if (isNew) {
            stored.persist(e);
        }
    }
}
