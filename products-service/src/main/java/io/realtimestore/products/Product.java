package io.realtimestore.products;

import static io.realtimestore.dto.ProductInput.Limits;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Nationalized;

/**
 * A catalog product. The table layout is owned by {@code deploy/db-init/} (SQL Server) and checked against
 * this mapping by {@code SchemaMatchesDdlTest}; column sizes come from {@link Limits}.
 * Ids come from a sequence (allocation 50) so that imports can batch their inserts.
 */
@Entity
@Table(name = "product")
public class Product {

    @Id
    @SequenceGenerator(name = "product_seq", sequenceName = "product_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_seq")
    public Long id;

    @Column(name = "sku", nullable = false, unique = true, length = Limits.SKU)
    public String sku;

    @Nationalized
    @Column(name = "name", nullable = false, length = Limits.NAME)
    public String name;

    @Nationalized
    @Column(name = "description", length = Limits.DESCRIPTION)
    public String description;

    @Nationalized
    @Column(name = "brand", nullable = false, length = Limits.BRAND)
    public String brand;

    @Nationalized
    @Column(name = "category", nullable = false, length = Limits.CATEGORY)
    public String category;

    @Column(name = "price", nullable = false, precision = 9, scale = 2)
    public BigDecimal price;

    @Column(name = "currency", nullable = false, length = 3)
    public String currency;

    @Column(name = "stock", nullable = false)
    public int stock;

    @Column(name = "image_url", length = Limits.IMAGE_URL)
    public String imageUrl;

    /** Stored as a JSON array: tags are only ever read and written with the product. */
    @Nationalized
    @Convert(converter = JsonColumns.TagsConverter.class)
    @Column(name = "tags", length = 1000)
    public List<String> tags;

    /** Stored as a JSON object, for the same reason as tags. */
    @Nationalized
    @Convert(converter = JsonColumns.AttributesConverter.class)
    @Column(name = "attributes", length = 4000)
    public Map<String, String> attributes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    public long version;
}
