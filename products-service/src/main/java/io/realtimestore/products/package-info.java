/**
 * products-service: the catalog. Domain types at this root ({@link io.realtimestore.products.Product} and the
 * rows that follow it), then one package per layer: {@code rest} maps HTTP, {@code service} holds transactions and
 * rules, {@code repository} holds queries, {@code search} the Lucene index and embeddings, {@code config} typed
 * settings, {@code security} write credentials, {@code health} readiness, {@code image} the drawn product images.
 */
package io.realtimestore.products;
