package io.realtimestore.products.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.realtimestore.dto.FacetCount;
import io.realtimestore.products.Product;
import io.realtimestore.products.search.SearchFilters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Catalog queries. */
@ApplicationScoped
public class ProductRepository implements PanacheRepository<Product> {

    /** Listing orders; the id breaks ties so paging is stable. */
    public enum Order {
        NAME(Sort.by("name").and("id")),
        NAME_DESC(Sort.by("name", Sort.Direction.Descending).and("id")),
        PRICE(Sort.by("price").and("id")),
        PRICE_DESC(Sort.by("price", Sort.Direction.Descending).and("id")),
        NEWEST(Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending));

        final Sort sort;

        Order(Sort sort) {
            this.sort = sort;
        }
    }

    public List<Product> findPage(SearchFilters filters, Order order, int page, int size) {
        Where where = where(filters);
        return find(where.clause, order.sort, where.parameters).page(Page.of(page, size)).list();
    }

    public long count(SearchFilters filters) {
        Where where = where(filters);
        return count(where.clause, where.parameters);
    }

    public List<Product> findBySkus(Collection<String> skus) {
        return skus.isEmpty() ? List.of() : list("sku in ?1", skus);
    }

    public List<Product> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** Ids in ascending order after {@code afterId}, for walking the whole catalog in bounded pages. */
    public List<Product> nextChunk(long afterId, int size) {
        return find("id > ?1", Sort.by("id"), afterId).page(Page.ofSize(size)).list();
    }

    /**
     * Adds {@code delta} to the stock in one statement, only if the result stays non-negative, so concurrent
     * adjustments never lose an update and never oversell. Returns the number of rows changed (0 or 1).
     */
    public int adjustStock(long id, int delta, Instant now) {
        return update("stock = stock + ?1, version = version + 1, updatedAt = ?2 where id = ?3 and stock + ?1 >= 0",
                delta, now, id);
    }

    public List<FacetCount> categoryCounts() {
        return facet("category");
    }

    public List<FacetCount> brandCounts() {
        return facet("brand");
    }

    private List<FacetCount> facet(String field) {
        return getEntityManager()
                .createQuery("select p." + field + ", count(p) from Product p group by p." + field
                        + " order by p." + field, Object[].class)
                .getResultList().stream()
                .map(row -> new FacetCount((String) row[0], (Long) row[1]))
                .toList();
    }

    private record Where(String clause, Parameters parameters) {
    }

    private static Where where(SearchFilters f) {
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (f.category() != null) {
            clauses.add("lower(category) = :category");
            parameters.and("category", f.category().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.brand() != null) {
            clauses.add("lower(brand) = :brand");
            parameters.and("brand", f.brand().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.minPrice() != null) {
            clauses.add("price >= :minPrice");
            parameters.and("minPrice", f.minPrice());
        }
        if (f.maxPrice() != null) {
            clauses.add("price <= :maxPrice");
            parameters.and("maxPrice", f.maxPrice());
        }
        if (f.inStock() != null) {
            clauses.add(f.inStock() ? "stock > 0" : "stock = 0");
        }
        return new Where(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), parameters);
    }
}
