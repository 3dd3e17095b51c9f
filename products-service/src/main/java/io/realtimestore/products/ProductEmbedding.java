package io.realtimestore.products;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The stored embedding of a product's searchable text. {@code modelId} and {@code contentHash} let start-up
 * reuse vectors instead of recomputing them: a vector is recomputed only when the model or the text changed.
 * The vector is little-endian float32, the model's output as is.
 */
@Entity
@Table(name = "product_embedding")
public class ProductEmbedding {

    @Id
    @Column(name = "product_id")
    public Long productId;

    @Column(name = "model_id", nullable = false, length = 100)
    public String modelId;

    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "dimensions", nullable = false)
    public int dimensions;

    @Column(name = "vector", nullable = false, length = 16384)
    public byte[] vector;
}
