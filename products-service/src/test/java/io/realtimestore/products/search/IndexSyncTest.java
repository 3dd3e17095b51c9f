package io.realtimestore.products.search;

import static io.realtimestore.products.support.Api.admin;
import static io.realtimestore.products.support.Api.awaitReady;
import static io.realtimestore.products.support.Api.createId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.products.CatalogChange;
import io.realtimestore.products.Product;
import io.realtimestore.products.repository.ChangeLogRepository;
import io.realtimestore.products.repository.EmbeddingRepository;
import io.realtimestore.products.repository.ProductRepository;
import io.realtimestore.products.support.TestProducts;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index follows every write made through this replica at once, and writes made by another replica
 * (rows in the shared database plus a change-log entry, exactly what another instance of this service writes)
 * within seconds.
 */
@QuarkusTest
class IndexSyncTest {

    @Inject
    ProductRepository products;
    @Inject
    ChangeLogRepository changes;
    @Inject
    EmbeddingRepository embeddings;

    @BeforeEach
    void ready() {
        awaitReady();
    }

    private static List<String> skusFor(String query, String mode) {
        return given().queryParam("q", query).queryParam("mode", mode).queryParam("limit", 5)
                .get("/api/products/search").then().statusCode(200).extract().jsonPath().getList("hits.product.sku");
    }

    @Test
    void createUpdateAndDeleteAreSearchableImmediately() {
        TestProducts product = TestProducts.aProduct().with("name", "Quorvel Plinthar Lamp");
        long id = createId(product);
        assertThat(skusFor("plinthar", "keyword")).containsExactly(product.sku());
        assertThat(skusFor("Quorvel Plinthar Lamp", "semantic")).contains(product.sku());

        Map<String, Object> renamed = TestProducts.aProduct().with("sku", product.sku())
                .with("name", "Quorvel Vexaline Lamp").with("version", 0).build();
        admin().body(renamed).put("/api/products/" + id).then().statusCode(200);
        assertThat(skusFor("plinthar", "keyword")).isEmpty();
        assertThat(skusFor("vexaline", "keyword")).containsExactly(product.sku());

        admin().body(Map.of("delta", -10)).patch("/api/products/" + id).then().statusCode(200);
        given().queryParam("q", "vexaline").queryParam("mode", "keyword").queryParam("inStock", "true").get("/api/products/search")
                .then().body("hits", org.hamcrest.Matchers.empty());

        admin().delete("/api/products/" + id).then().statusCode(204);
        assertThat(skusFor("vexaline", "keyword")).isEmpty();
        assertThat(skusFor("vexaline", "hybrid")).doesNotContain(product.sku());
    }

    @Test
    void writesFromAnotherReplicaReachThisIndexWithinSeconds() {
        String sku = TestProducts.uniqueSku("PEER");
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Product p = new Product();
            p.sku = sku;
            p.name = "Quorvel Glimmerdune Kettle";
            p.brand = "Peerbrand";
            p.category = "Test Fixtures";
            p.description = "Written by another replica.";
            p.price = new BigDecimal("33.00");
            p.currency = "USD";
            p.stock = 4;
            p.createdAt = Instant.now();
            p.updatedAt = p.createdAt;
            products.persist(p);
            products.flush();
            changes.persist(CatalogChange.of(p.id));
            return p.id;
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(skusFor("glimmerdune", "keyword")).containsExactly(sku));
        // The other replica stored no vector: this one computed and stored it, so semantic search finds it too.
        assertThat(skusFor("Quorvel Glimmerdune Kettle", "semantic")).contains(sku);
        assertThat(QuarkusTransaction.requiringNew().call(() -> embeddings.findById(id))).isNotNull();

        QuarkusTransaction.requiringNew().run(() -> {
            Product p = products.findById(id);
            p.name = "Quorvel Moonquill Kettle";
            p.updatedAt = Instant.now();
            changes.persist(CatalogChange.of(id));
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(skusFor("moonquill", "keyword")).containsExactly(sku));

        QuarkusTransaction.requiringNew().run(() -> {
            embeddings.deleteById(id);
            products.deleteById(id);
            changes.persist(CatalogChange.of(id));
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(skusFor("moonquill", "keyword")).isEmpty());
    }
}
