package io.realtimestore.products.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;

/** Small helpers over rest-assured for the calls most tests make. */
public final class Api {

    private Api() {
    }

    /** The index is built asynchronously at start; tests begin once readiness says so. */
    public static void awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    public static RequestSpecification admin() {
        return given().header("X-Api-Key", TestProducts.API_KEY).contentType(ContentType.JSON);
    }

    public static Map<String, Object> create(TestProducts product) {
        return admin().body(product.build()).post("/api/products")
                .then().statusCode(201).extract().jsonPath().getMap("$");
    }

    public static long createId(TestProducts product) {
        return ((Number) create(product).get("id")).longValue();
    }

    public static ValidatableResponse search(String q, String mode) {
        return given().queryParam("q", q).queryParam("mode", mode).get("/api/products/search").then().statusCode(200);
    }
}
