package io.realtimestore.products.rest;

import io.realtimestore.dto.ImportReport;
import io.realtimestore.products.security.Roles;
import io.realtimestore.products.service.ImportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk import of NDJSON or CSV, streamed: a re-import of the same SKUs updates them. */
@Path("/api/products/import")
@Tag(name = "Products")
public class ImportResource {

    static final String NDJSON = "application/x-ndjson";
    static final String NDJSON_ALT = "application/ndjson";
    static final String JSONL = "application/jsonl";
    static final String CSV = "text/csv";

    private final ImportService importer;

    ImportResource(ImportService importer) {
        this.importer = importer;
    }

    @POST
    @Consumes({ NDJSON, NDJSON_ALT, JSONL, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CATALOG_ADMIN)
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Import products (NDJSON or CSV)",
            description = "Rows are processed in batches as they stream in. The report counts accepted (created/updated) and rejected "
                    + "rows and lists the reason for each rejected row (the first 1000). CSV: a header row with the JSON field names; "
                    + "tags separated by |, attributes as key=value|key=value.")
    public ImportReport importProducts(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ImportService.Format format = MediaType.valueOf(contentType).isCompatible(MediaType.valueOf(CSV))
                ? ImportService.Format.CSV : ImportService.Format.NDJSON;
        return importer.importProducts(body, format);
    }
}
