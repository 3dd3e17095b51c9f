package io.realtimestore.products.rest;

import static io.realtimestore.products.support.Api.admin;
import static io.realtimestore.products.support.Api.awaitReady;
import static io.realtimestore.products.support.Api.createId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.products.support.TestProducts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void listsTheSeedCatalogInPages() {
        given().queryParam("size", 25).get("/api/products")
                .then().statusCode(200)
                .body("items", hasSize(25))
                .body("page", equalTo(0))
                .body("size", equalTo(25))
                .body("totalItems", greaterThanOrEqualTo(150))
                .body("totalPages", greaterThanOrEqualTo(6));
        List<Integer> firstPage = given().queryParam("size", 5).get("/api/products").jsonPath().getList("items.id");
        List<Integer> secondPage = given().queryParam("size", 5).queryParam("page", 1).get("/api/products").jsonPath().getList("items.id");
        assertThat(firstPage).doesNotContainAnyElementsOf(secondPage);
    }

    @Test
    void sortsByPriceNameAndNewest() {
        List<Float> ascending = given().queryParam("sort", "price").queryParam("size", 50).get("/api/products")
                .jsonPath().getList("items.price", Float.class);
        assertThat(ascending).isSorted();
        List<Float> descending = given().queryParam("sort", "-price").queryParam("size", 50).get("/api/products")
                .jsonPath().getList("items.price", Float.class);
        assertThat(descending).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        List<String> names = given().queryParam("sort", "name").queryParam("size", 50).get("/api/products")
                .jsonPath().getList("items.name");
        assertThat(names).isSortedAccordingTo(String::compareTo);

        long newest = createId(TestProducts.aProduct());
        given().queryParam("sort", "newest").queryParam("size", 1).get("/api/products")
                .then().body("items[0].id", equalTo((int) newest));
    }

    @Test
    void filtersByCategoryBrandPriceAndStock() {
        given().queryParam("category", "tents").queryParam("size", 100).get("/api/products")
                .then().statusCode(200)
                .body("items.category", everyItem(equalTo("Tents")))
                .body("totalItems", greaterThan(5));
        given().queryParam("minPrice", 100).queryParam("maxPrice", 200).queryParam("size", 100).get("/api/products")
                .then().body("items.price", everyItem(greaterThanOrEqualTo(100f)))
                .body("items.price", everyItem(lessThanOrEqualTo(200f)));
        given().queryParam("inStock", "false").queryParam("size", 100).get("/api/products")
                .then().body("items.stock", everyItem(equalTo(0)))
                .body("items.inStock", everyItem(equalTo(false)))
                .body("totalItems", greaterThan(0));
        String brand = given().get("/api/brands").jsonPath().getString("[0].name");
        given().queryParam("brand", brand).queryParam("size", 100).get("/api/products")
                .then().body("items.brand", everyItem(equalTo(brand)));
    }

    @Test
    void createsAndReadsAProduct() {
        TestProducts product = TestProducts.aProduct().with("price", new BigDecimal("249.50")).with("stock", 7);
        String location = admin().body(product.build()).post("/api/products")
                .then().statusCode(201)
                .header("Location", containsString("/api/products/"))
                .body("sku", equalTo(product.sku()))
                .body("price", equalTo(249.5f))
                .body("version", equalTo(0))
                .body("inStock", equalTo(true))
                .body("createdAt", notNullValue())
                .extract().header("Location");
        given().get(location).then().statusCode(200)
                .body("sku", equalTo(product.sku()))
                .body("stock", equalTo(7))
                .body("tags", hasItem("fixture"))
                .body("attributes.colour", equalTo("teal"))
                .body("imageUrl", endsWith("/image"));
    }

    @Test
    void duplicateSkuIsAConflict() {
        TestProducts product = TestProducts.aProduct();
        createId(product);
        admin().body(product.build()).post("/api/products")
                .then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("sku"));
    }

    @Test
    void replacesWithTheCurrentVersionAndRefusesAStaleOne() {
        long id = createId(TestProducts.aProduct());
        Map<String, Object> current = given().get("/api/products/" + id).jsonPath().getMap("$");
        Map<String, Object> update = TestProducts.aProduct().with("sku", current.get("sku"))
                .with("name", "Quorvel Renamed").with("version", 0).build();
        admin().body(update).put("/api/products/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Quorvel Renamed"))
                .body("version", equalTo(1));
        admin().body(update).put("/api/products/" + id)
                .then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("currentVersion", equalTo(1))
                .body("errors[0].field", equalTo("version"));
        given().get("/api/products/" + id).then().body("name", equalTo("Quorvel Renamed"));
    }

    @Test
    void replaceWithoutAVersionNamesTheField() {
        TestProducts product = TestProducts.aProduct();
        long id = createId(product);
        admin().body(product.build()).put("/api/products/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
    }

    @Test
    void adjustsStockAndNeverGoesBelowZero() {
        long id = createId(TestProducts.aProduct().with("stock", 3));
        admin().body(Map.of("delta", -2)).patch("/api/products/" + id)
                .then().statusCode(200).body("stock", equalTo(1)).body("version", equalTo(1));
        admin().body(Map.of("delta", -2)).patch("/api/products/" + id)
                .then().statusCode(409)
                .body("currentStock", equalTo(1))
                .body("title", equalTo("Insufficient stock"));
        admin().body(Map.of("delta", 5)).patch("/api/products/" + id)
                .then().statusCode(200).body("stock", equalTo(6));
        admin().body(Map.of("delta", -1)).patch("/api/products/999999999").then().statusCode(404);
    }

    @Test
    void deletesAndThenReportsNotFound() {
        long id = createId(TestProducts.aProduct());
        admin().delete("/api/products/" + id).then().statusCode(204);
        given().get("/api/products/" + id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        admin().delete("/api/products/" + id).then().statusCode(404);
    }

    @Test
    void listsCategoriesAndBrandsWithCounts() {
        given().get("/api/categories").then().statusCode(200)
                .body("name", hasItem("Tents"))
                .body("name", hasItem("Headphones"))
                .body("find { it.name == 'Tents' }.productCount", greaterThan(5));
        given().get("/api/brands").then().statusCode(200)
                .body("size()", greaterThan(20))
                .body("productCount", everyItem(greaterThan(0)));
    }

    @Test
    void servesADrawnImageForEveryProduct() {
        long id = createId(TestProducts.aProduct().with("name", "<b>Bold</b> & co"));
        String svg = given().get("/api/products/" + id + "/image")
                .then().statusCode(200)
                .contentType("image/svg+xml")
                .header("ETag", notNullValue())
                .extract().asString();
        assertThat(svg).contains("<svg").contains("&lt;b&gt;Bold").doesNotContain("<b>");
        given().get("/api/products/424242424/image").then().statusCode(404);
    }
}
