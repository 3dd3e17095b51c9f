package io.realtimestore.store.view;

import io.realtimestore.dto.FacetCount;

/** A category with its product count and the grid's URL for it. */
public record CategoryLink(String name, long productCount, String href) {

    public static CategoryLink of(FacetCount category) {
        return new CategoryLink(category.name(), category.productCount(), ListingPage.ofCategory(category.name()).pageHref(1));
    }
}
