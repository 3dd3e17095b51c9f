package io.realtimestore.dto;

/** A category or brand with how many products carry it. */
public record FacetCount(String name, long productCount) {
}
