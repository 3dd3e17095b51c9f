package io.realtimestore.console.it;

import io.realtimestore.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The packaged products-service (seed catalog) and audio-gateway on its offline voice engine, started as processes
 * the way start-local.sh starts them, with a known gateway key.
 */
final class StoreServices implements AutoCloseable {

    static final String GATEWAY_KEY = "console-test-gateway-key-0123456789abcdef";

    private final ServiceProcess products;
    private final ServiceProcess gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StoreServices(ServiceProcess products, ServiceProcess gateway) {
        this.products = products;
        this.gateway = gateway;
    }

    static StoreServices start() {
        ServiceProcess products = ServiceProcess.of("products-service")
                .jvmOption("--add-modules").jvmOption("jdk.incubator.vector")
                .env("PRODUCTS_DATA_DIR", "./data")
                .env("PRODUCTS_API_KEY", "console-test-products-key-0123456789")
                .start();
        try {
            ServiceProcess gateway = ServiceProcess.of("audio-gateway")
                    .jvmOption("--enable-native-access=ALL-UNNAMED")
                    .env("GATEWAY_DATA_DIR", "./data")
                    .env("GATEWAY_API_KEY", GATEWAY_KEY)
                    .env("PRODUCTS_URL", products.url())
                    .env("REALTIME_UPSTREAM", "local")
                    .start();
            StoreServices services = new StoreServices(products, gateway);
            services.awaitCatalogVocabulary();
            return services;
        } catch (RuntimeException e) {
            products.close();
            throw e;
        }
    }

    String gatewayUrl() {
        return "ws://localhost:" + gateway.port();
    }

    /** Names of the catalog's products in a category, at most {@code maxPrice} (null: any price). */
    List<String> productNames(String category, Integer maxPrice) {
        String query = "category=" + URLEncoder.encode(category, StandardCharsets.UTF_8) + "&size=100"
                + (maxPrice == null ? "" : "&maxPrice=" + maxPrice);
        String json = get(products.url() + "/api/products?" + query);
        try {
            var page = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false)
                    .map(product -> product.path("name").asText()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The offline assistant reads the catalog's names shortly after start; questions before that get vaguer answers. */
    private void awaitCatalogVocabulary() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (get(gateway.url() + "/q/health/ready").contains("has not been read")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not read the catalog's vocabulary in 90 s; log: " + gateway.log());
            }
            sleep(500);
        }
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        gateway.close();
        products.close();
    }
}
