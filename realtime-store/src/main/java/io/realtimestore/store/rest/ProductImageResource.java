package io.realtimestore.store.rest;

import io.realtimestore.store.client.ProductsClient;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Serves the images products-service draws, under the same path it uses ({@code /api/products/{id}/image}): the
 * catalog's image URLs and the gateway's product cards carry that service-relative path, and products-service is
 * not reachable from browsers in a deployment (internal ingress), so the store answers for it.
 */
@Path("/api/products/{id}/image")
public class ProductImageResource {

    /** What a browser needs to cache and safely show the image; nothing else of the upstream response is passed on. */
    private static final List<String> PASSED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.CACHE_CONTROL, "Content-Security-Policy", "X-Content-Type-Options");

    private final ProductsClient products;

    ProductImageResource(ProductsClient products) {
        this.products = products;
    }

    @GET
    public Uni<Response> image(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return products.image(id, ifNoneMatch).map(upstream -> {
            if (upstream.getStatus() != 200 && upstream.getStatus() != 304) {
                return Response.status(upstream.getStatus()).build();
            }
            Response.ResponseBuilder answer = Response.status(upstream.getStatus());
            if (upstream.getStatus() == 200) {
                answer.entity(upstream.readEntity(byte[].class));
            }
            for (String header : PASSED_HEADERS) {
                String value = upstream.getHeaderString(header);
                if (value != null) {
                    answer.header(header, value);
                }
            }
            return answer.build();
        });
    }
}
