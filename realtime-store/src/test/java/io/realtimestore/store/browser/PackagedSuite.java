package io.realtimestore.store.browser;

import io.realtimestore.store.support.Suite;
import io.realtimestore.testsupport.ServiceProcess;

/**
 * The three packaged services as processes for a browser test whose gateway talks to a voice service of the test's
 * own ({@code REALTIME_UPSTREAM=url}): products-service with its seed catalog, the gateway on {@code realtimeUrl}
 * letting the store's pages connect, and the store, whose browsers reach the gateway directly.
 */
final class PackagedSuite implements AutoCloseable {

    final ServiceProcess products;
    final ServiceProcess gateway;
    final ServiceProcess store;

    PackagedSuite(String realtimeUrl) {
        int storePort = ServiceProcess.freePort();
        products = Suite.products();
        gateway = Suite.gatewayOnUrl(products.url(), "http://localhost:" + storePort, realtimeUrl);
        store = ServiceProcess.of("realtime-store").port(storePort)
                .env("PRODUCTS_URL", products.url())
                .env("GATEWAY_URL", gateway.url())
                .env("GATEWAY_API_KEY", Suite.GATEWAY_KEY)
                .start();
    }

    @Override
    public void close() {
        closeAll(store, gateway, products);
    }

    /** Closes each one that was started, whatever the others do. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
