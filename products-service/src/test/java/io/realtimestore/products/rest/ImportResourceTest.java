package io.realtimestore.products.rest;

import static io.realtimestore.products.support.Api.awaitReady;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.products.support.GeneratedLines;
import io.realtimestore.products.support.TestProducts;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportResourceTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    private static JsonPath importBody(String contentType, Object body) {
        var request = given().header("X-Api-Key", TestProducts.API_KEY).contentType(contentType);
        request = body instanceof InputStream stream ? request.body(stream)
                : request.body(((String) body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request.post("/api/products/import").then().statusCode(200).extract().jsonPath();
    }

    private static String row(String sku, String name, String price, int stock) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"brand\":\"Importer\",\"category\":\"Test Fixtures\","
                + "\"price\":" + price + ",\"stock\":" + stock + ",\"description\":\"Imported zantric fixture\"}";
    }

    @Test
    void importsNdjsonAndReportsEveryBadRowWithItsReason() {
        String a = TestProducts.uniqueSku("IMP");
        String b = TestProducts.uniqueSku("IMP");
        String body = String.join("\n",
                row(a, "Quorvel Import A", "10.00", 5),
                "",
                row(b, "Quorvel Import B", "-4", 5),
                "{not json",
                "{\"sku\":\"" + TestProducts.uniqueSku("IMP") + "\",\"name\":\"X\",\"brand\":\"B\",\"category\":\"C\",\"price\":1,\"stock\":1,\"colour\":\"red\"}",
                "{\"sku\":\"" + TestProducts.uniqueSku("IMP") + "\",\"name\":\"X\",\"brand\":\"B\",\"category\":\"C\",\"price\":\"free\",\"stock\":1}",
                "{\"name\":\"no sku\",\"brand\":\"B\",\"category\":\"C\",\"price\":1,\"stock\":1}") + "\n";
        JsonPath report = importBody("application/x-ndjson", body);
        assertThat(report.getLong("accepted")).isEqualTo(1);
        assertThat(report.getLong("created")).isEqualTo(1);
        assertThat(report.getLong("rejected")).isEqualTo(5);
        List<Integer> rows = report.getList("rejections.row");
        assertThat(rows).containsExactly(3, 4, 5, 6, 7);
        List<String> reasons = report.getList("rejections.reason");
        assertThat(reasons.get(0)).contains("price").contains("negative");
        assertThat(reasons.get(1)).contains("malformed JSON");
        assertThat(reasons.get(2)).contains("unknown field 'colour'");
        assertThat(reasons.get(3)).contains("price");
        assertThat(reasons.get(4)).contains("sku");
        assertThat(report.getString("rejections[0].sku")).isEqualTo(b);
        given().queryParam("q", "Quorvel Import A").queryParam("mode", "keyword").get("/api/products/search")
                .then().body("hits[0].product.sku", equalTo(a));
    }

    @Test
    void reimportingTheSameSkusUpdatesInsteadOfDuplicating() {
        String sku = TestProducts.uniqueSku("RE");
        JsonPath first = importBody("application/x-ndjson", row(sku, "Quorvel Original", "10.00", 1));
        assertThat(first.getLong("created")).isEqualTo(1);
        JsonPath second = importBody("application/x-ndjson", row(sku, "Quorvel Revised", "12.50", 9));
        assertThat(second.getLong("created")).isZero();
        assertThat(second.getLong("updated")).isEqualTo(1);
        given().queryParam("q", sku).queryParam("mode", "keyword").get("/api/products/search");
        var matches = given().queryParam("category", "Test Fixtures").queryParam("size", 100)
                .queryParam("brand", "Importer").get("/api/products").jsonPath().getList("items.sku");
        assertThat(matches.stream().filter(sku::equals)).hasSize(1);
        given().queryParam("q", "Quorvel Revised").queryParam("mode", "keyword").get("/api/products/search")
                .then().body("hits[0].product.sku", equalTo(sku))
                .body("hits[0].product.price", equalTo(12.5f))
                .body("hits[0].product.stock", equalTo(9));
    }

    @Test
    void importsCsvWithTagsAndAttributes() {
        String sku = TestProducts.uniqueSku("CSV");
        String csv = "sku,name,brand,category,price,stock,tags,attributes,description\n"
                + sku + ",\"Quorvel CSV, quoted\",Importer,Test Fixtures,42.00,3,alpha|beta,weight=1 kg|colour=red,\"Multi\nline\"\n"
                + TestProducts.uniqueSku("CSV") + ",Bad Price,Importer,Test Fixtures,abc,3,,,\n"
                + TestProducts.uniqueSku("CSV") + ",Bad Attributes,Importer,Test Fixtures,1,3,,novalue,\n";
        JsonPath report = importBody("text/csv", csv);
        assertThat(report.getLong("accepted")).isEqualTo(1);
        assertThat(report.getLong("rejected")).isEqualTo(2);
        assertThat(report.getString("rejections[0].reason")).contains("price");
        assertThat(report.getString("rejections[1].reason")).contains("attributes");
        given().queryParam("q", "Quorvel CSV quoted").queryParam("mode", "keyword").get("/api/products/search")
                .then().body("hits[0].product.sku", equalTo(sku))
                .body("hits[0].product.tags", hasSize(2))
                .body("hits[0].product.attributes.weight", equalTo("1 kg"));
    }

    @Test
    void csvWithAnUnknownColumnIsRefusedAsAWhole() {
        given().header("X-Api-Key", TestProducts.API_KEY).contentType("text/csv")
                .body("sku,name,brand,category,price,stock,colour\nA,B,C,D,1,1,red\n")
                .post("/api/products/import")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("header"))
                .body("detail", containsString("colour"));
    }

    @Test
    void aLargeStreamedImportIsProcessedInBatches() {
        int rows = 1200;
        String prefix = TestProducts.uniqueSku("BULK");
        JsonPath report = importBody("application/x-ndjson", new GeneratedLines(rows,
                i -> row(prefix + "-" + i, "Quorvel Bulk " + i, (i % 50) + ".25", i % 7)));
        assertThat(report.getLong("accepted")).isEqualTo(rows);
        assertThat(report.getLong("created")).isEqualTo(rows);
        given().queryParam("q", "Quorvel Bulk 1199").queryParam("mode", "keyword").get("/api/products/search")
                .then().body("hits[0].product.sku", equalTo(prefix + "-1199"));
    }

    @Test
    void anOverlongLineIsRejectedWithoutStoppingTheImport() {
        String sku = TestProducts.uniqueSku("LONG");
        String body = "{\"sku\":\"x\",\"name\":\"" + "y".repeat(70_000) + "\"}\n" + row(sku, "Quorvel After Long", "1.00", 1);
        JsonPath report = importBody("application/x-ndjson", body);
        assertThat(report.getLong("accepted")).isEqualTo(1);
        assertThat(report.getString("rejections[0].reason")).contains("longer than");
    }

    @Test
    void anEmptyImportIsAnEmptyReport() {
        JsonPath report = importBody("application/x-ndjson", "");
        assertThat(report.getLong("accepted")).isZero();
        assertThat(report.getLong("rejected")).isZero();
    }
}
