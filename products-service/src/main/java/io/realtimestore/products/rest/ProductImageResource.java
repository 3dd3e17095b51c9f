package io.realtimestore.products.rest;

import io.realtimestore.dto.ProductView;
import io.realtimestore.products.image.ProductImageRenderer;
import io.realtimestore.products.service.ProductService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The drawn image of a product (SVG), for products imported without an image URL. */
@Path("/api/products/{id}/image")
@Tag(name = "Products")
public class ProductImageResource {

    static final String SVG = "image/svg+xml";

    private final ProductService products;
    private final ProductImageRenderer renderer = new ProductImageRenderer();

    ProductImageResource(ProductService products) {
        this.products = products;
    }

    @GET
    @Produces(SVG)
    @Operation(summary = "The product's drawn image (SVG)")
    public Response image(@PathParam("id") String id, Request request) {
        ProductView product = products.get(RequestParams.id(id));
        EntityTag tag = new EntityTag(product.id() + "-" + product.version());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        String svg = renderer.render(product.category(), product.name(), product.brand(), product.sku());
        return Response.ok(svg, SVG)
                .tag(tag)
                .cacheControl(cache)
                // The SVG is inert, and this keeps it so even if opened directly.
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
