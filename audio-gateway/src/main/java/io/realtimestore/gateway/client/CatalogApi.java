package io.realtimestore.gateway.client;

import io.realtimestore.dto.FacetCount;
import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catalog-wide reads the local voice engine learns its vocabulary from. */
@Path("/api")
@RegisterRestClient(configKey = "catalog")
public interface CatalogApi {

    @GET
    @Path("/categories")
    Uni<List<FacetCount>> categories();

    @GET
    @Path("/brands")
    Uni<List<FacetCount>> brands();

    @GET
    @Path("/products")
    Uni<PageView<ProductView>> products(@QueryParam("page") int page, @QueryParam("size") int size);
}
