package io.realtimestore.products.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged service as users do (java -jar, embedded defaults): the generated key is printed once and
 * kept, the file database survives a restart, and two replicas sharing one database converge on each other's
 * writes within seconds.
 */
class PackagedServiceIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern PRINTED_KEY = Pattern.compile("X-Api-Key: (pk_[A-Za-z0-9_-]+)");

    private static String product(String sku, String name, int stock) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"brand\":\"Itbrand\",\"category\":\"Test Fixtures\","
                + "\"price\":12.00,\"stock\":" + stock + ",\"description\":\"A zantric fixture.\"}";
    }

    @Test
    void generatedKeyIsPrintedOnceAndDataSurvivesARestart(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("PRODUCTS_DATA_DIR", data.toString());
        String key;
        String location;
        try (ServiceProcess first = ServiceProcess.start(env)) {
            first.awaitReady(START);
            Matcher printed = PRINTED_KEY.matcher(first.output());
            assertThat(printed.find()).as("the generated key is printed at first start").isTrue();
            key = printed.group(1);
            assertThat(Files.readString(data.resolve("products-api-key")).strip()).isEqualTo(key);
            assertThat(first.get("/api/products?size=1").body()).contains("\"totalItems\":169");
            var created = first.send("POST", "/api/products", key, product("IT-RESTART-1", "Quorvel Restart Survivor", 3));
            assertThat(created.statusCode()).isEqualTo(201);
            location = created.headers().firstValue("Location").orElseThrow();
        }
        try (ServiceProcess second = ServiceProcess.start(env)) {
            second.awaitReady(START);
            assertThat(second.output()).doesNotContain(key).doesNotContain("X-Api-Key:");
            String path = location.substring(location.indexOf("/api/"));
            assertThat(second.get(path).body()).contains("Quorvel Restart Survivor");
            assertThat(second.get("/api/products/search?mode=keyword&q=survivor").body()).contains("IT-RESTART-1");
            assertThat(second.send("DELETE", path, key, null).statusCode()).isEqualTo(204);
            assertThat(second.get("/api/products?size=1").body()).contains("\"totalItems\":169");
        }
    }

    @Test
    void twoReplicasOnOneDatabaseConvergeWithinSeconds(@TempDir Path data) throws Exception {
        // AUTO_SERVER lets two processes share one H2 file, standing in for a shared SQL Server here.
        Map<String, String> env = Map.of(
                "PRODUCTS_DATA_DIR", data.toString(),
                "PRODUCTS_API_KEY", "it-shared-key-0123456789",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + data.resolve("shared") + ";MODE=MSSQLServer;AUTO_SERVER=TRUE");
        try (ServiceProcess a = ServiceProcess.start(env)) {
            a.awaitReady(START);
            try (ServiceProcess b = ServiceProcess.start(env)) {
                b.awaitReady(START);
                String key = "it-shared-key-0123456789";
                var created = a.send("POST", "/api/products", key, product("IT-PEER-1", "Quorvel Halcyonite Flask", 2));
                assertThat(created.statusCode()).isEqualTo(201);
                String path = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(b.get("/api/products/search?mode=keyword&q=halcyonite").body()).contains("IT-PEER-1"));

                assertThat(b.send("PATCH", path, key, "{\"delta\":-2}").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(a.get("/api/products/search?mode=keyword&inStock=true&q=halcyonite").body())
                                .doesNotContain("IT-PEER-1"));

                assertThat(a.send("DELETE", path, key, null).statusCode()).isEqualTo(204);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(b.get("/api/products/search?mode=keyword&q=halcyonite").body()).doesNotContain("IT-PEER-1"));
            }
        }
    }
}
