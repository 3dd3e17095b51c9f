package io.realtimestore.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realtimestore.testsupport.ServiceProcess;
import java.util.Map;

/**
 * The real products-service (its packaged jar, built earlier in the reactor) with the seed catalog, so the tools
 * are tested against the real API, search included.
 */
public class ProductsServiceResource implements QuarkusTestResourceLifecycleManager {

    private ServiceProcess products;

    @Override
    public Map<String, String> start() {
        products = ServiceProcess.of("products-service")
                .jvmOption("--add-modules").jvmOption("jdk.incubator.vector")
                .env("PRODUCTS_DATA_DIR", "./data")
                .env("PRODUCTS_API_KEY", "test-products-api-key-0123456789")
                .start();
        return Map.of("quarkus.rest-client.products.url", products.url());
    }

    @Override
    public void stop() {
        if (products != null) {
            products.close();
        }
    }
}
