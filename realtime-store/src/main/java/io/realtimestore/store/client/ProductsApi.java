package io.realtimestore.store.client;

import io.realtimestore.dto.FacetCount;
import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The products-service reads the storefront needs (the public catalog API, DESIGN.md §6). */
@RegisterRestClient(configKey = "products")
@Path("/api")
public interface ProductsApi {

    @GET
    @Path("/products")
    Uni<PageView<ProductView>> list(@QueryParam("page") int page, @QueryParam("size") int size, @QueryParam("sort") String sort,
            @QueryParam("category") String category, @QueryParam("brand") String brand,
            @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("inStock") Boolean inStock);

    @GET
    @Path("/products/search")
    Uni<SearchResponse> search(@QueryParam("q") String query, @QueryParam("mode") String mode, @QueryParam("limit") int limit);

    @GET
    @Path("/products/{id}")
    Uni<ProductView> product(@PathParam("id") long id);

    @GET
    @Path("/categories")
    Uni<List<FacetCount>> categories();

    @GET
    @Path("/brands")
    Uni<List<FacetCount>> brands();

    @GET
    @Path("/products/{id}/image")
    Uni<Response> image(@PathParam("id") long id, @HeaderParam("If-None-Match") String ifNoneMatch);
}
