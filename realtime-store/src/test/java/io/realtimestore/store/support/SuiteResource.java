package io.realtimestore.store.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realtimestore.testsupport.ServiceProcess;
import java.util.Map;

/** products-service and the gateway for the store's @QuarkusTest classes; the store under test is pointed at both. */
public class SuiteResource implements QuarkusTestResourceLifecycleManager {

    private ServiceProcess products;
    private ServiceProcess gateway;

    @Override
    public Map<String, String> start() {
        products = Suite.products();
        gateway = Suite.gateway(products, "http://localhost:8080");
        return Suite.storeSettings(products.url(), gateway);
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (products != null) {
            products.close();
        }
    }
}
