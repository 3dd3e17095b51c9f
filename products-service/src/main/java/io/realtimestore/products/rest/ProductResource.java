package io.realtimestore.products.rest;

import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductInput;
import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchMode;
import io.realtimestore.dto.SearchResponse;
import io.realtimestore.dto.StockAdjustment;
import io.realtimestore.products.config.ProductsConfig;
import io.realtimestore.products.config.SearchConfig;
import io.realtimestore.products.repository.ProductRepository.Order;
import io.realtimestore.products.search.ProductSearch;
import io.realtimestore.products.search.SearchFilters;
import io.realtimestore.products.security.Roles;
import io.realtimestore.products.service.CatalogException;
import io.realtimestore.products.service.ProductService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalog: listing, reading, writing and searching products. Reads are public, writes need a credential. */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    private final ProductService products;
    private final ProductSearch search;
    private final ProductsConfig config;
    private final SearchConfig searchConfig;

    ProductResource(ProductService products, ProductSearch search, ProductsConfig config, SearchConfig searchConfig) {
        this.products = products;
        this.search = search;
        this.config = config;
        this.searchConfig = searchConfig;
    }

    @GET
    @Operation(summary = "List products", description = "Paged (page is zero-based), sorted and filtered.")
    public PageView<ProductView> list(
            @QueryParam("page") @Parameter(description = "zero-based page", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) String page,
            @QueryParam("size") @Parameter(description = "page size, at most 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) String size,
            @QueryParam("sort") @Parameter(description = "name, -name, price, -price or newest", schema = @Schema(defaultValue = "name")) String sort,
            @QueryParam("category") String category,
            @QueryParam("brand") String brand,
            @QueryParam("minPrice") @Parameter(schema = @Schema(type = SchemaType.NUMBER)) String minPrice,
            @QueryParam("maxPrice") @Parameter(schema = @Schema(type = SchemaType.NUMBER)) String maxPrice,
            @QueryParam("inStock") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String inStock) {
        int pageNumber = RequestParams.integer("page", page, 0, 0, 1_000_000);
        int pageSize = RequestParams.integer("size", size, config.paging().defaultSize(), 1, config.paging().maxSize());
        return products.list(filters(category, brand, minPrice, maxPrice, inStock), order(sort), pageNumber, pageSize);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search products", description = "Keyword (BM25), semantic (embeddings) or hybrid (rank fusion, the default) "
            + "with the listing filters. Price words in the query (cheapest, under 100 dollars) become filters and ordering.")
    public SearchResponse search(
            @QueryParam("q") @Parameter(required = true, description = "1 to 200 characters") String q,
            @QueryParam("mode") @Parameter(schema = @Schema(enumeration = { "keyword", "semantic", "hybrid" }, defaultValue = "hybrid")) String mode,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "10")) String limit,
            @QueryParam("category") String category,
            @QueryParam("brand") String brand,
            @QueryParam("minPrice") @Parameter(schema = @Schema(type = SchemaType.NUMBER)) String minPrice,
            @QueryParam("maxPrice") @Parameter(schema = @Schema(type = SchemaType.NUMBER)) String maxPrice,
            @QueryParam("inStock") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String inStock) {
        if (q == null || q.isBlank()) {
            throw CatalogException.badField("q", "is required: give 1 to " + searchConfig.maxQueryLength() + " characters");
        }
        if (q.length() > searchConfig.maxQueryLength()) {
            throw CatalogException.badField("q", "must be at most " + searchConfig.maxQueryLength() + " characters");
        }
        SearchMode searchMode = mode == null || mode.isBlank() ? SearchMode.HYBRID : SearchMode.fromWireName(mode.strip())
                .orElseThrow(() -> CatalogException.badField("mode", "must be keyword, semantic or hybrid, got '"
                        + RequestParams.abbreviate(mode) + "'"));
        int max = RequestParams.integer("limit", limit, searchConfig.defaultLimit(), 1, searchConfig.maxLimit());
        return search.search(q.strip(), searchMode, filters(category, brand, minPrice, maxPrice, inStock), max);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one product")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(responseCode = "404", description = "No such product", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ProductView get(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String id) {
        return products.get(RequestParams.id(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CATALOG_ADMIN)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Create a product")
    @APIResponse(responseCode = "201", description = "Created; Location names the new product")
    @APIResponse(responseCode = "409", description = "The SKU already exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(@Valid @NotNull ProductInput input, UriInfo uri) {
        ProductView created = products.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CATALOG_ADMIN)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Replace a product", description = "Send the version you read; a stale version gets 409 with the current version.")
    @APIResponse(responseCode = "409", description = "Stale version or duplicate SKU", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ProductView replace(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String id,
            @Valid @NotNull ProductInput input) {
        return products.replace(RequestParams.id(id), input);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CATALOG_ADMIN)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Adjust stock atomically", description = "{\"delta\": -2} sells two; stock never goes below zero (409).")
    @APIResponse(responseCode = "409", description = "Not enough stock", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ProductView adjustStock(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String id,
            @Valid @NotNull StockAdjustment adjustment) {
        return products.adjustStock(RequestParams.id(id), adjustment.delta());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CATALOG_ADMIN)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Delete a product")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such product", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response delete(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String id) {
        products.delete(RequestParams.id(id));
        return Response.noContent().build();
    }

    private static SearchFilters filters(String category, String brand, String minPrice, String maxPrice, String inStock) {
        var min = RequestParams.price("minPrice", minPrice);
        var max = RequestParams.price("maxPrice", maxPrice);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw CatalogException.badField("minPrice", "must not be greater than maxPrice");
        }
        return new SearchFilters(RequestParams.text("category", category, ProductInput.Limits.CATEGORY),
                RequestParams.text("brand", brand, ProductInput.Limits.BRAND), min, max,
                RequestParams.bool("inStock", inStock));
    }

    private static Order order(String sort) {
        if (sort == null || sort.isBlank()) {
            return Order.NAME;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "name" -> Order.NAME;
            case "-name" -> Order.NAME_DESC;
            case "price" -> Order.PRICE;
            case "-price" -> Order.PRICE_DESC;
            case "newest" -> Order.NEWEST;
            default -> throw CatalogException.badField("sort", "must be name, -name, price, -price or newest, got '"
                    + RequestParams.abbreviate(sort) + "'");
        };
    }
}
