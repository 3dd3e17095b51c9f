package io.realtimestore.products.search;

import static io.realtimestore.products.support.Api.awaitReady;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.products.support.GeneratedLines;
import io.realtimestore.products.support.TestProducts;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large batch of near-identical products (a bulk import of variants, say) lands in segments of its own.
 * Semantic search must still find the products that match the query elsewhere in the index: vector scores have
 * to stay comparable across segments, whatever those segments hold.
 */
@QuarkusTest
class NearDuplicatesTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void aClusterOfNearDuplicatesDoesNotCrowdOutTheRightProducts() {
        String prefix = TestProducts.uniqueSku("DUP");
        var report = given().header("X-Api-Key", TestProducts.API_KEY).contentType("application/x-ndjson")
                .body(new GeneratedLines(1500, i -> "{\"sku\":\"" + prefix + "-" + i + "\",\"name\":\"Quorvel Variant " + i
                        + "\",\"brand\":\"Dupbrand\",\"category\":\"Test Fixtures\",\"price\":5.00,\"stock\":1,"
                        + "\"description\":\"Imported zantric fixture variant.\"}"))
                .post("/api/products/import").then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("accepted")).isEqualTo(1500);

        for (String mode : List.of("semantic", "hybrid")) {
            List<String> categories = given().queryParam("q", "sleeping bag").queryParam("mode", mode)
                    .get("/api/products/search").then().statusCode(200).extract().jsonPath()
                    .getList("hits.product.category");
            assertThat(categories.subList(0, 3)).as(mode).containsOnly("Sleeping Bags");
        }
    }
}
