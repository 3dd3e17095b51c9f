package io.realtimestore.gateway.client;

import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of the products API the tools use. A plain contract: timeouts and retries live in {@link ProductsClient}. */
@Path("/api/products")
@RegisterRestClient(configKey = "products")
public interface ProductsApi {

    @GET
    @Path("/search")
    Uni<SearchResponse> search(@QueryParam("q") String query, @QueryParam("mode") String mode,
            @QueryParam("limit") int limit, @QueryParam("category") String category, @QueryParam("brand") String brand,
            @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("inStock") Boolean inStock);

    @GET
    @Path("/{id}")
    Uni<ProductView> product(@PathParam("id") long id);
}
