package io.realtimestore.dto;

import java.util.List;

/**
 * The outcome of an import. Every rejected row is counted; the first {@code rejections.size()} of them are
 * listed with the reason (the list is capped so a file of bad rows cannot exhaust memory —
 * {@code rejectionsTruncated} says when more were rejected than listed).
 */
public record ImportReport(
        long accepted,
        long created,
        long updated,
        long rejected,
        List<Rejection> rejections,
        boolean rejectionsTruncated,
        long durationMillis) {

    /** A row that was not imported: its 1-based line (NDJSON) or record number (CSV), its SKU if readable, and why. */
    public record Rejection(long row, String sku, String reason) {
    }
}
