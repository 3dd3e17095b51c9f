package io.realtimestore.products.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.realtimestore.products.CatalogChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The catalog change log that replicas follow. */
@ApplicationScoped
public class ChangeLogRepository implements PanacheRepositoryBase<CatalogChange, Long> {

    public void record(Collection<Long> productIds) {
        productIds.forEach(id -> persist(CatalogChange.of(id)));
    }

    public long lastSeq() {
        Long max = getEntityManager().createQuery("select max(c.seq) from CatalogChange c", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    public List<CatalogChange> after(long seq, int limit) {
        return find("seq > ?1", Sort.by("seq"), seq).page(Page.ofSize(limit)).list();
    }

    public long deleteOlderThan(Instant cutoff) {
        return delete("changedAt < ?1", cutoff);
    }
}
