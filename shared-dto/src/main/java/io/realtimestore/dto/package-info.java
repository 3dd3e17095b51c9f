/**
 * Records that cross service boundaries: what products-service returns (product views, search hits, pages,
 * facet counts, import reports) and what its clients send (product input, stock adjustments).
 * Plain Java plus Jackson and Bean Validation annotations, so any module — or a user's own Java client — can
 * depend on it without pulling in Quarkus or JPA.
 */
package io.realtimestore.dto;
