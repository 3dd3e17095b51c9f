package io.realtimestore.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A relative stock change, applied atomically: {@code {"delta": -2}} sells two, {@code {"delta": 10}} restocks ten. */
public record StockAdjustment(
        @NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Integer delta) {
}
