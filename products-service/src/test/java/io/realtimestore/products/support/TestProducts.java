package io.realtimestore.products.support;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data builder for product JSON bodies. Names use invented words so that test products never compete
 * with the seed catalog in relevance-sensitive searches.
 */
public final class TestProducts {

    public static final String API_KEY = "test-products-api-key-0123456789";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private TestProducts(String sku) {
        fields.put("sku", sku);
        fields.put("name", "Quorvel Fixture " + sku);
        fields.put("description", "A zantric fixture product used only by automated tests.");
        fields.put("brand", "Testbrand");
        fields.put("category", "Test Fixtures");
        fields.put("price", new BigDecimal("19.99"));
        fields.put("currency", "USD");
        fields.put("stock", 10);
        fields.put("tags", List.of("fixture"));
        fields.put("attributes", Map.of("colour", "teal"));
    }

    /** A valid product with a SKU unique to this test run. */
    public static TestProducts aProduct() {
        return new TestProducts(uniqueSku("T"));
    }

    public static String uniqueSku(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    public TestProducts with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public TestProducts without(String field) {
        fields.remove(field);
        return this;
    }

    public String sku() {
        return (String) fields.get("sku");
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }
}
