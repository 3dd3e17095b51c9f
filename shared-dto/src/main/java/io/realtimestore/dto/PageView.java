package io.realtimestore.dto;

import java.util.List;

/** One page of a listing; {@code page} is zero-based. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
}
