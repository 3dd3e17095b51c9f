package io.realtimestore.products.health;

import static io.realtimestore.products.support.Api.awaitReady;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void livenessAndReadinessReportTheDatabaseAndTheIndex() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("search-index", "Database connections health check"))
                .body("checks.find { it.name == 'search-index' }.data.products", greaterThanOrEqualTo(150));
    }

    @Test
    void metricsArePublishedInPrometheusFormat() {
        given().queryParam("q", "lantern").get("/api/products/search").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.anyOf(containsString("text/plain"), containsString("openmetrics")))
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("products_search_seconds_count"));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Realtime Store Products API"))
                .body("paths.keySet()", hasItems("/api/products", "/api/products/{id}", "/api/products/search",
                        "/api/products/import", "/api/categories", "/api/brands"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-Api-Key"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
