package io.realtimestore.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realtimestore.store.support.SuiteResource;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The catalog pages against the real products-service and its seed catalog. */
@QuarkusTest
@WithTestResource(SuiteResource.class)
class StorePagesTest {

    private static final Pattern PRICE = Pattern.compile("class=\"tile-price\">\\$([0-9,]+\\.[0-9]{2})<");

    @Test
    void homeShowsCategoriesWithLinksAndNewProducts() {
        String html = page("/", 200);
        assertThat(html).contains("Shop by category").contains("href=\"/products?category=Tents\"")
                .contains("class=\"product-tile\"").contains("id=\"assistant-panel\"");
        assertThat(count(html, "class=\"product-tile\"")).isEqualTo(8);
    }

    @Test
    void pagesCarryAContentSecurityPolicyThatAllowsOnlyTheStoreAndTheGateway() {
        String policy = given().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
        String gateway = ConfigProvider.getConfig().getValue("store.gateway.url", String.class);
        // The panel's WebSocket, and the gateway's text chat over HTTP when voice is unavailable
        assertThat(policy).contains("script-src 'self'")
                .contains("connect-src 'self' " + gateway.replace("http://", "ws://") + " " + gateway + ";")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void gridFiltersByCategoryAndSortsByPriceWithTheCatalogsCount() {
        long total = given().baseUri(productsUrl()).get("/api/products?category=Tents").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
        String html = page("/products?category=Tents&sort=price", 200);
        assertThat(html).contains("<h1>Tents</h1>").contains(total + " products");
        List<BigDecimal> prices = prices(html);
        assertThat(prices).isNotEmpty().isSorted();
    }

    @Test
    void gridPagesAreNumberedFromOneAndLinkedKeepingTheFilters() {
        String first = page("/products?inStock=true&sort=-price", 200);
        assertThat(first).contains("Page 1 of").contains("href=\"/products?inStock=true&amp;sort=-price&amp;page=2\"")
                .doesNotContain("rel=\"prev\"");
        String second = page("/products?inStock=true&sort=-price&page=2", 200);
        assertThat(second).contains("Page 2 of").contains("rel=\"prev\" href=\"/products?inStock=true&amp;sort=-price\"");
        assertThat(prices(first).getLast()).isGreaterThanOrEqualTo(prices(second).getFirst());
    }

    @Test
    void badFiltersGetAPageThatNamesTheProblem() {
        assertThat(page("/products?page=abc", 400)).contains("page number must be a whole number");
        assertThat(page("/products?sort=colour", 400)).contains("sorted by name, -name, price, -price or newest");
        assertThat(page("/products?minPrice=cheap", 400)).contains("minPrice").doesNotContain("Exception");
    }

    @Test
    void productPageShowsPriceStockDescriptionAndDetails() {
        var product = given().baseUri(productsUrl()).get("/api/products?category=Tents&size=1").then().statusCode(200)
                .extract().jsonPath();
        long id = product.getLong("items[0].id");
        String html = page("/products/" + id, 200);
        assertThat(html).contains("<h1>" + product.getString("items[0].name").replace("'", "&#39;") + "</h1>")
                .contains("$" + new BigDecimal(product.getString("items[0].price")).setScale(2))
                .contains("class=\"detail-attributes\"")
                .contains("src=\"/api/products/" + id + "/image\"");
    }

    @Test
    void unknownProductsAreNotFoundPages() {
        assertThat(page("/products/999999", 404)).contains("There is no product 999999 in the catalog.");
        assertThat(page("/products/tent", 404)).contains("There is no product &#39;tent&#39; in the catalog.");
        assertThat(page("/no-such-page", 404)).contains("There is no page at /no-such-page.");
    }

    @Test
    void searchShowsTheCountAndHowPriceWordsWereRead() {
        String html = page("/search?q=tent+under+150+dollars", 200);
        Matcher count = Pattern.compile("(\\d+) results? for “tent under 150 dollars”").matcher(html);
        assertThat(count.find()).isTrue();
        assertThat(count(html, "class=\"product-tile\"")).isEqualTo(Integer.parseInt(count.group(1))).isPositive();
        assertThat(html).contains("Read as “tent”, at most 150");
        assertThat(prices(html)).allSatisfy(price -> assertThat(price).isLessThanOrEqualTo(new BigDecimal("150")));
    }

    @Test
    void searchWithoutWordsAsksForThemAndTooManyWordsAreExplained() {
        assertThat(page("/search?q=", 200)).contains("Type a product, a brand");
        assertThat(page("/search?q=" + "a".repeat(201), 400)).contains("at most 200 characters");
    }

    @Test
    void whatTheShopperTypedIsEscaped() {
        String html = page("/search?q=%3Cscript%3Ealert(1)%3C/script%3E", 200);
        assertThat(html).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void productImagesAreServedByTheStoreWithCaching() {
        long id = given().baseUri(productsUrl()).get("/api/products?size=1").then().extract().jsonPath().getLong("items[0].id");
        Response image = given().get("/api/products/" + id + "/image");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.contentType()).startsWith("image/svg+xml");
        assertThat(image.asString()).contains("<svg");
        String tag = image.header("ETag");
        assertThat(tag).isNotBlank();
        given().header("If-None-Match", tag).get("/api/products/" + id + "/image").then().statusCode(304);
        given().get("/api/products/999999/image").then().statusCode(404);
    }

    @Test
    void readinessReportsTheCatalogAndTheAssistant() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("\"catalog\"").contains("reachable").contains("\"assistant\": \"configured\"");
    }

    private static String page(String path, int status) {
        Response response = given().urlEncodingEnabled(false).get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/html");
        return response.asString();
    }

    private static List<BigDecimal> prices(String html) {
        return PRICE.matcher(html).results().map(m -> new BigDecimal(m.group(1).replace(",", ""))).toList();
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    private static String productsUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.products.url", String.class);
    }
}
