package io.realtimestore.products.service;

import java.util.List;
import java.util.Map;

/**
 * A request the catalog refuses, carrying what an RFC 7807 problem needs: the HTTP status, a short title,
 * a detail that says what to do, the offending fields and any extension members (current version, stock…).
 */
public class CatalogException extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String title;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> extensions;

    public CatalogException(int status, String title, String detail, List<FieldError> fieldErrors,
            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.extensions = Map.copyOf(extensions);
    }

    public static CatalogException badField(String field, String message) {
        return new CatalogException(400, "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)), Map.of());
    }

    public static CatalogException notFound(long id) {
        return new CatalogException(404, "Product not found", "No product has id " + id + ".", List.of(), Map.of());
    }

    public static CatalogException versionConflict(long id, long sentVersion, long currentVersion) {
        return new CatalogException(409, "Version conflict",
                "Product " + id + " was changed by someone else: you sent version " + sentVersion
                        + " but the current version is " + currentVersion + ". Fetch it again and reapply your change.",
                List.of(new FieldError("version", "stale")), Map.of("currentVersion", currentVersion));
    }

    public static CatalogException insufficientStock(long id, int currentStock, int delta) {
        return new CatalogException(409, "Insufficient stock",
                "Product " + id + " has " + currentStock + " in stock; a change of " + delta
                        + " would make it negative.",
                List.of(new FieldError("delta", "would make stock negative")), Map.of("currentStock", currentStock));
    }

    public static CatalogException duplicateSku(String sku) {
        return new CatalogException(409, "Duplicate SKU", "A product with sku '" + sku + "' already exists.",
                List.of(new FieldError("sku", "already exists")), Map.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
