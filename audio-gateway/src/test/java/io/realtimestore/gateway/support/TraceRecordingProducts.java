package io.realtimestore.gateway.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers like products-service and records the W3C {@code traceparent} each call carried: the tracing test checks
 * that a tool's trace continues into the catalog.
 */
@Path("/fake-products/api/products")
@Produces(MediaType.APPLICATION_JSON)
public class TraceRecordingProducts {

    public static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();

    private static final String PRODUCT = """
            {"id":%d,"sku":"SKU-%d","name":"Summit 2 Tent","description":"A light two-person tent.","brand":"Northpeak",
             "category":"Tents","price":249.00,"currency":"USD","stock":4,"inStock":true,"imageUrl":"/api/products/%d/image",
             "tags":["tent"],"attributes":{"weight":"1.6 kg"},"createdAt":"2026-01-01T00:00:00Z",
             "updatedAt":"2026-01-01T00:00:00Z","version":1}""";

    @GET
    @Path("/search")
    public String search(@HeaderParam("traceparent") String traceparent) {
        TRACEPARENTS.add(String.valueOf(traceparent));
        return "{\"query\":\"tent\",\"mode\":\"HYBRID\",\"interpretedQuery\":null,\"hits\":[{\"score\":1.0,\"product\":"
                + PRODUCT.formatted(1, 1, 1) + "}]}";
    }

    @GET
    @Path("/{id}")
    public String product(@PathParam("id") long id, @HeaderParam("traceparent") String traceparent) {
        TRACEPARENTS.add(String.valueOf(traceparent));
        return PRODUCT.formatted(id, id, id);
    }
}
