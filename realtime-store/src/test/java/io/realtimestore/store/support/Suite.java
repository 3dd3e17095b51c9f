package io.realtimestore.store.support;

import io.realtimestore.testsupport.ServiceProcess;

/** The other services of the suite, started from their packaged jars the way start-local.sh starts them. */
public final class Suite {

    public static final String GATEWAY_KEY = "store-test-gateway-key-0123456789abcdef";

    private Suite() {
    }

    /** products-service with its seed catalog in a fresh embedded database. */
    public static ServiceProcess products() {
        return ServiceProcess.of("products-service")
                .jvmOption("--add-modules").jvmOption("jdk.incubator.vector")
                .env("PRODUCTS_DATA_DIR", "./data")
                .env("PRODUCTS_API_KEY", "store-test-products-key-0123456789")
                .start();
    }

    /**
     * The gateway on its default upstream, the offline voice engine, using {@code products} for its tools and
     * letting pages from {@code allowedOrigins} connect.
     */
    public static ServiceProcess gateway(ServiceProcess products, String allowedOrigins) {
        return gateway(products.url(), allowedOrigins, "local", "");
    }

    /** The gateway on a GA Realtime URL ({@code REALTIME_UPSTREAM=url}), e.g. a fake voice service with WebRTC. */
    public static ServiceProcess gatewayOnUrl(String productsUrl, String allowedOrigins, String realtimeUrl) {
        return gateway(productsUrl, allowedOrigins, "url", realtimeUrl);
    }

    /** The settings that point the store under test (a @QuarkusTest) at products-service and the gateway. */
    public static java.util.Map<String, String> storeSettings(String productsUrl, ServiceProcess gateway) {
        return java.util.Map.of(
                "quarkus.rest-client.products.url", productsUrl,
                "store.gateway.url", gateway.url(),
                "store.gateway.api-key", GATEWAY_KEY);
    }

    private static ServiceProcess gateway(String productsUrl, String allowedOrigins, String upstream, String upstreamUrl) {
        return ServiceProcess.of("audio-gateway")
                .jvmOption("--enable-native-access=ALL-UNNAMED")
                .env("GATEWAY_DATA_DIR", "./data")
                .env("GATEWAY_API_KEY", GATEWAY_KEY)
                .env("GATEWAY_ALLOWED_ORIGINS", allowedOrigins)
                .env("PRODUCTS_URL", productsUrl)
                .env("REALTIME_UPSTREAM", upstream)
                .env("REALTIME_UPSTREAM_URL", upstreamUrl)
                .start();
    }
}
