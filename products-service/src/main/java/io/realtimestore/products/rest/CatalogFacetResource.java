package io.realtimestore.products.rest;

import io.realtimestore.dto.FacetCount;
import io.realtimestore.products.service.ProductService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Categories and brands with their product counts, for navigation and filters. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog facets")
public class CatalogFacetResource {

    private final ProductService products;

    CatalogFacetResource(ProductService products) {
        this.products = products;
    }

    @GET
    @Path("/categories")
    @Operation(summary = "Categories with product counts")
    public List<FacetCount> categories() {
        return products.categories();
    }

    @GET
    @Path("/brands")
    @Operation(summary = "Brands with product counts")
    public List<FacetCount> brands() {
        return products.brands();
    }
}
