package io.realtimestore.products.search;

import static io.realtimestore.products.support.Api.awaitReady;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class SearchModesTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    private static JsonPath search(String q, String mode, String... params) {
        var request = given().queryParam("q", q);
        if (mode != null) {
            request = request.queryParam("mode", mode);
        }
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/products/search").then().statusCode(200).extract().jsonPath();
    }

    @ParameterizedTest
    @ValueSource(strings = { "keyword", "semantic", "hybrid" })
    void everyModeRanksHitsWithScoresAndStableIds(String mode) {
        JsonPath result = search("sleeping bag", mode);
        assertThat(result.getString("mode")).isEqualTo(mode);
        List<Float> scores = result.getList("hits.score", Float.class);
        assertThat(scores).isNotEmpty().isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(result.getList("hits.product.category", String.class).subList(0, 3)).containsOnly("Sleeping Bags");
        List<Integer> ids = result.getList("hits.product.id");
        assertThat(search("sleeping bag", mode).getList("hits.product.id", Integer.class)).isEqualTo(ids);
    }

    @Test
    void hybridIsTheDefault() {
        assertThat(search("headphones", null).getString("mode")).isEqualTo("hybrid");
    }

    @Test
    void keywordSearchStemsAndToleratesTypos() {
        assertThat(search("tents", "keyword").getList("hits.product.category", String.class).getFirst()).isEqualTo("Tents");
        assertThat(search("hedphones", "keyword").getList("hits.product.category", String.class).getFirst()).isEqualTo("Headphones");
        assertThat(search("powerbank", "keyword").getList("hits.product.category", String.class).getFirst()).isEqualTo("Power Banks");
    }

    @Test
    void semanticSearchUnderstandsNeeds() {
        List<String> categories = search("something to keep me dry when it rains on a hike", "semantic")
                .getList("hits.product.category", String.class);
        assertThat(categories.subList(0, 3)).contains("Rain Jackets");
    }

    @Test
    void filtersApplyInEveryMode() {
        for (String mode : List.of("keyword", "semantic", "hybrid")) {
            given().queryParam("q", "backpack for hiking").queryParam("mode", mode).queryParam("category", "Backpacks")
                    .queryParam("maxPrice", 200).queryParam("inStock", true).get("/api/products/search")
                    .then().statusCode(200)
                    .body("hits.size()", greaterThan(0))
                    .body("hits.product.category", everyItem(equalTo("Backpacks")))
                    .body("hits.product.price", everyItem(lessThanOrEqualTo(200f)))
                    .body("hits.product.inStock", everyItem(equalTo(true)));
        }
    }

    @Test
    void limitIsHonoured() {
        given().queryParam("q", "camera").queryParam("limit", 3).get("/api/products/search")
                .then().body("hits", hasSize(3));
    }

    @Test
    void priceIntentsBecomeFiltersAndOrdering() {
        JsonPath cheapest = search("cheapest tent", "hybrid");
        assertThat(cheapest.getString("interpretedQuery.priceOrder")).isEqualTo("ascending");
        List<Float> prices = cheapest.getList("hits.product.price", Float.class);
        assertThat(prices).isSorted();
        assertThat(cheapest.getString("hits[0].product.category")).isEqualTo("Tents");
        Float cheapestTentPrice = given().queryParam("category", "Tents").queryParam("sort", "price").queryParam("size", 1)
                .get("/api/products").jsonPath().getFloat("items[0].price");
        assertThat(prices.getFirst()).isEqualTo(cheapestTentPrice);

        JsonPath under = search("tent under 150 dollars", "keyword");
        assertThat(under.getFloat("interpretedQuery.maxPrice")).isEqualTo(150f);
        assertThat(under.getList("hits.product.price", Float.class)).isNotEmpty().allMatch(p -> p <= 150f);

        JsonPath priciest = search("most expensive camera", "semantic");
        List<Float> descending = priciest.getList("hits.product.price", Float.class);
        assertThat(descending).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }
}
