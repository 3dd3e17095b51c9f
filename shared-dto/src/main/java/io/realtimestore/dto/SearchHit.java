package io.realtimestore.dto;

/** One ranked result: the score is comparable only within one response (BM25, cosine or fused rank score). */
public record SearchHit(double score, ProductView product) {
}
