package io.realtimestore.products;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row per product write, inserted in the same transaction as the write. Every replica polls this table to
 * bring its in-process search index up to date with writes made through any replica (an outbox, read by all).
 */
@Entity
@Table(name = "catalog_change")
public class CatalogChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    public Long seq;

    @Column(name = "product_id", nullable = false)
    public long productId;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public static CatalogChange of(long productId) {
        CatalogChange change = new CatalogChange();
        change.productId = productId;
        change.changedAt = Instant.now();
        return change;
    }
}
