package io.realtimestore.products.rest;

import static io.realtimestore.products.support.Api.admin;
import static io.realtimestore.products.support.Api.awaitReady;
import static io.realtimestore.products.support.Api.createId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.products.support.TestProducts;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input gets a 4xx problem document that names what was wrong — never a 5xx or a trace. */
@QuarkusTest
class BadInputTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("title", not(equalTo(null)))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void malformedJson() {
        problem(admin().body("{\"sku\": \"A1\", ").post("/api/products").then(), 400)
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void bodyThatIsNotAnObject() {
        problem(admin().body("[1,2,3]").post("/api/products").then(), 400);
    }

    @Test
    void unknownField() {
        problem(admin().body(TestProducts.aProduct().with("colour", "red").build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("colour"));
    }

    @Test
    void wrongTypes() {
        problem(admin().body(TestProducts.aProduct().with("price", "cheap").build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("price"));
        problem(admin().body(TestProducts.aProduct().with("stock", 2.5).build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("stock"));
        problem(admin().body(TestProducts.aProduct().with("tags", "one").build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("tags"));
    }

    @ParameterizedTest
    @CsvSource({ "sku", "name", "brand", "category", "price", "stock" })
    void missingRequiredField(String field) {
        problem(admin().body(TestProducts.aProduct().without(field).build()).post("/api/products").then(), 400)
                .body("errors.field", hasItem(field));
    }

    @Test
    void negativePriceAndStock() {
        problem(admin().body(TestProducts.aProduct().with("price", new BigDecimal("-1.00")).build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("price"))
                .body("errors[0].message", containsString("negative"));
        problem(admin().body(TestProducts.aProduct().with("stock", -3).build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("stock"));
    }

    @Test
    void tooManyDecimalsInPrice() {
        problem(admin().body(TestProducts.aProduct().with("price", new BigDecimal("1.999")).build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("price"));
    }

    @Test
    void overLongStrings() {
        problem(admin().body(TestProducts.aProduct().with("name", "n".repeat(121)).build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("name"));
        problem(admin().body(TestProducts.aProduct().with("description", "d".repeat(2001)).build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("description"));
        problem(admin().body(TestProducts.aProduct().with("sku", "S".repeat(33)).build()).post("/api/products").then(), 400)
                .body("errors.field", hasItem("sku"));
    }

    @Test
    void invalidCurrencyAndSku() {
        problem(admin().body(TestProducts.aProduct().with("currency", "dollars").build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("currency"));
        problem(admin().body(TestProducts.aProduct().with("sku", "has space").build()).post("/api/products").then(), 400)
                .body("errors[0].field", equalTo("sku"));
    }

    @Test
    void missingBody() {
        problem(admin().post("/api/products").then(), 400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void pagingOutOfRange() {
        problem(given().queryParam("size", 101).get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("size"));
        problem(given().queryParam("size", 0).get("/api/products").then(), 400);
        problem(given().queryParam("page", -1).get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("page"));
        problem(given().queryParam("page", "two").get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void badFilterValues() {
        problem(given().queryParam("minPrice", "abc").get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("minPrice"));
        problem(given().queryParam("minPrice", 50).queryParam("maxPrice", 10).get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("minPrice"));
        problem(given().queryParam("inStock", "maybe").get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("inStock"));
        problem(given().queryParam("sort", "popularity").get("/api/products").then(), 400)
                .body("errors[0].field", equalTo("sort"));
    }

    @Test
    void nonNumericIds() {
        problem(given().get("/api/products/abc").then(), 400).body("errors[0].field", equalTo("id"));
        problem(given().get("/api/products/-4").then(), 400).body("errors[0].field", equalTo("id"));
        problem(given().get("/api/products/99999999999999999999").then(), 400).body("errors[0].field", equalTo("id"));
        problem(admin().body(Map.of("delta", 1)).patch("/api/products/x1").then(), 400).body("errors[0].field", equalTo("id"));
        problem(admin().delete("/api/products/1.5").then(), 400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void emptyAndOverLongQueries() {
        problem(given().get("/api/products/search").then(), 400).body("errors[0].field", equalTo("q"));
        problem(given().queryParam("q", "   ").get("/api/products/search").then(), 400).body("errors[0].field", equalTo("q"));
        problem(given().queryParam("q", "x".repeat(201)).get("/api/products/search").then(), 400)
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void unknownSearchModeAndLimit() {
        problem(given().queryParam("q", "tent").queryParam("mode", "fuzzy").get("/api/products/search").then(), 400)
                .body("errors[0].field", equalTo("mode"));
        problem(given().queryParam("q", "tent").queryParam("limit", 500).get("/api/products/search").then(), 400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void unsupportedMediaType() {
        problem(given().header("X-Api-Key", TestProducts.API_KEY).contentType(ContentType.XML).body("<product/>")
                .post("/api/products").then(), 415)
                .body("detail", containsString("application/json"));
        problem(given().header("X-Api-Key", TestProducts.API_KEY).contentType(ContentType.JSON).body("{}")
                .post("/api/products/import").then(), 415);
    }

    @Test
    void oversizedBody() {
        String huge = "{\"sku\":\"BIG\",\"name\":\"" + "x".repeat(70_000) + "\"}";
        problem(admin().body(huge).post("/api/products").then(), 413).body("maxBytes", equalTo(65536));
    }

    @Test
    void badStockAdjustments() {
        long id = createId(TestProducts.aProduct());
        problem(admin().body(Map.of()).patch("/api/products/" + id).then(), 400).body("errors[0].field", equalTo("delta"));
        problem(admin().body(Map.of("delta", "many")).patch("/api/products/" + id).then(), 400)
                .body("errors[0].field", equalTo("delta"));
        problem(admin().body(Map.of("stock", 3)).patch("/api/products/" + id).then(), 400)
                .body("errors[0].field", equalTo("stock"));
    }

    @Test
    void unknownPathAndMethod() {
        problem(given().get("/api/nothing-here").then(), 404);
        problem(admin().body("{}").put("/api/products").then(), 405);
    }
}
