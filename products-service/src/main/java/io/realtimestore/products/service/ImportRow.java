package io.realtimestore.products.service;

import io.realtimestore.dto.ProductInput;

/** One row read from an import: either a product input or the reason it could not be read. */
record ImportRow(long number, ProductInput input, String sku, String problem) {

    static ImportRow ok(long number, ProductInput input) {
        return new ImportRow(number, input, input.sku(), null);
    }

    static ImportRow bad(long number, String sku, String problem) {
        return new ImportRow(number, null, sku, problem);
    }
}
