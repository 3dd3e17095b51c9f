package io.realtimestore.dto;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a client sends to create or replace a product, and what each import row holds.
 * The limits here are the column sizes of the catalog schema (deploy/db-init), so a valid input always fits.
 * {@code version} is required only when replacing a product (optimistic locking).
 */
public record ProductInput(
        @NotBlank @Size(max = Limits.SKU) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must contain only letters, digits, '.', '_' and '-' and start with a letter or digit")
        String sku,
        @NotBlank @Size(max = Limits.NAME) String name,
        @Size(max = Limits.DESCRIPTION) String description,
        @NotBlank @Size(max = Limits.BRAND) String brand,
        @NotBlank @Size(max = Limits.CATEGORY) String category,
        @NotNull @DecimalMin(value = "0.00", message = "must not be negative")
        @DecimalMax(value = "9999999.99") @Digits(integer = 7, fraction = 2) BigDecimal price,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as USD") String currency,
        @NotNull @Min(value = 0, message = "must not be negative") @Max(Limits.MAX_STOCK) Integer stock,
        @Size(max = Limits.IMAGE_URL) @Pattern(regexp = "(https?://|/)\\S*", message = "must be an http(s) URL or a path starting with /")
        String imageUrl,
        @Size(max = Limits.MAX_TAGS) List<@NotBlank @Size(max = Limits.TAG) String> tags,
        @Size(max = Limits.MAX_ATTRIBUTES) Map<@NotBlank @Size(max = Limits.ATTRIBUTE_NAME) String,
                @NotNull @Size(max = Limits.ATTRIBUTE_VALUE) String> attributes,
        @Min(0) Long version) {

    /** Column sizes shared by validation, the JPA mapping and the SQL Server DDL. */
    public static final class Limits {
        public static final int SKU = 32;
        public static final int NAME = 120;
        public static final int DESCRIPTION = 2000;
        public static final int BRAND = 80;
        public static final int CATEGORY = 80;
        public static final int IMAGE_URL = 500;
        public static final int TAG = 40;
        public static final int MAX_TAGS = 20;
        public static final int ATTRIBUTE_NAME = 40;
        public static final int ATTRIBUTE_VALUE = 200;
        public static final int MAX_ATTRIBUTES = 20;
        public static final int MAX_STOCK = 1_000_000_000;

        private Limits() {
        }
    }
}
