package io.realtimestore.store.rest;

import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchHit;
import io.realtimestore.dto.SearchResponse;
import io.realtimestore.store.client.ProductsClient;
import io.realtimestore.store.config.StoreConfig;
import io.realtimestore.store.view.CategoryLink;
import io.realtimestore.store.view.Choice;
import io.realtimestore.store.view.ListingPage;
import io.realtimestore.store.view.PageRenderer;
import io.realtimestore.store.view.ProductTile;
import io.realtimestore.store.view.SearchReading;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The catalog pages (DESIGN.md §6): home, the product grid, a product, search. Failures are pages too (StoreErrors). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StorePages {

    private static final List<Choice> SEARCH_MODES = List.of(new Choice("hybrid", "words and meaning"),
            new Choice("keyword", "words only"), new Choice("semantic", "meaning only"));

    private final ProductsClient products;
    private final PageRenderer pages;
    private final StoreConfig.Catalog catalog;

    StorePages(ProductsClient products, PageRenderer pages, StoreConfig config) {
        this.products = products;
        this.pages = pages;
        this.catalog = config.catalog();
    }

    @GET
    public Uni<String> home() {
        ListingPage featured = ListingPage.parse(null, "newest", null, null, null, null, "true");
        return Uni.combine().all().unis(products.categories(), products.list(featured.toListing(catalog.featuredCount())))
                .asTuple()
                .chain(found -> pages.render("home", Map.of(
                        "categories", found.getItem1().stream().map(CategoryLink::of).toList(),
                        "featured", tiles(found.getItem2().items()))));
    }

    @GET
    @Path("products")
    public Uni<String> products(@QueryParam("page") String page, @QueryParam("sort") String sort,
            @QueryParam("category") String category, @QueryParam("brand") String brand,
            @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("inStock") String inStock) {
        ListingPage listing = ListingPage.parse(page, sort, category, brand, minPrice, maxPrice, inStock);
        return Uni.combine().all().unis(products.list(listing.toListing(catalog.pageSize())), products.categories(), products.brands())
                .asTuple()
                .chain(found -> {
                    PageView<ProductView> result = found.getItem1();
                    return pages.render("products", Map.of(
                            "listing", listing,
                            "sorts", ListingPage.SORTS,
                            "categories", found.getItem2(),
                            "brands", found.getItem3(),
                            "products", tiles(result.items()),
                            "totalItems", result.totalItems(),
                            "totalPages", Math.max(1, result.totalPages()),
                            "previous", listing.page() > 1 ? listing.pageHref(listing.page() - 1) : "",
                            "next", listing.page() < result.totalPages() ? listing.pageHref(listing.page() + 1) : ""));
                });
    }

    @GET
    @Path("products/{id}")
    public Uni<String> product(@PathParam("id") String id) {
        long productId = productId(id);
        return products.product(productId)
                .map(found -> found.orElseThrow(() -> new NotFoundException("There is no product " + productId + " in the catalog.")))
                .chain(product -> pages.render("product", Map.of("product", ProductTile.of(product),
                        "categoryHref", ListingPage.ofCategory(product.category()).pageHref(1))));
    }

    @GET
    @Path("search")
    public Uni<String> search(@QueryParam("q") String q, @QueryParam("mode") String mode) {
        String query = q == null ? "" : q.strip();
        String searchMode = SEARCH_MODES.stream().map(Choice::value).filter(value -> value.equals(mode)).findFirst().orElse("hybrid");
        if (query.isEmpty()) {
            return pages.render("search", Map.of("query", "", "searchText", "", "mode", searchMode, "modes", SEARCH_MODES,
                    "hits", List.of(), "reading", ""));
        }
        return products.search(query, searchMode, catalog.searchLimit())
                .chain(response -> pages.render("search", Map.of("query", query, "searchText", query, "mode", searchMode, "modes", SEARCH_MODES,
                        "hits", tiles(response.hits().stream().map(SearchHit::product).toList()),
                        "reading", SearchReading.describe(response))));
    }

    private static List<ProductTile> tiles(List<ProductView> found) {
        return found.stream().map(ProductTile::of).toList();
    }

    private static long productId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new NotFoundException("There is no product '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "' in the catalog.");
    }
}
