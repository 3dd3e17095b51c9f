package io.realtimestore.store.rest;

import io.quarkus.logging.Log;
import io.realtimestore.store.client.AssistantUnavailableException;
import io.realtimestore.store.client.CatalogRequestException;
import io.realtimestore.store.client.CatalogUnavailableException;
import io.realtimestore.store.view.PageRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure in one place: a page request gets a page that says what happened and what to do (never a stack
 * trace), a request under {@code /api/} an RFC 9457 problem. Nothing from a failure's cause reaches the browser.
 */
public class StoreErrors {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final PageRenderer pages;

    StoreErrors(PageRenderer pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Uni<Response> catalogUnavailable(CatalogUnavailableException e, UriInfo uri) {
        return answer(uri, 503, "Catalog unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    public Uni<Response> catalogRefused(CatalogRequestException e, UriInfo uri) {
        return e.status() == 404
                ? answer(uri, 404, "Not found", e.getMessage())
                : answer(uri, 400, "That request cannot be answered", e.getMessage());
    }

    @ServerExceptionMapper
    public Uni<Response> assistantUnavailable(AssistantUnavailableException e, UriInfo uri) {
        return answer(uri, 503, "Voice assistant unavailable", e.getMessage())
                .map(response -> Response.fromResponse(response).header("Retry-After", "5").build());
    }

    @ServerExceptionMapper
    public Uni<Response> notFound(NotFoundException e, UriInfo uri) {
        String message = e.getMessage() != null && e.getMessage().startsWith("There is no")
                ? e.getMessage()
                : "There is no page at " + abbreviate(uri.getPath()) + ".";
        return answer(uri, 404, "Not found", message);
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, UriInfo uri) {
        return answer(uri, 403, "Forbidden", e.getMessage());
    }

    /** Other JAX-RS refusals (wrong method, unsupported media type…) keep their status with a plain explanation. */
    @ServerExceptionMapper
    public Uni<Response> refused(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        // The framework's own refusals say only "HTTP 405 Method Not Allowed"; the store's carry a sentence for people.
        String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP ")
                ? e.getMessage()
                : "This request cannot be answered (HTTP " + status + ").";
        return answer(uri, status, Response.Status.fromStatusCode(status) == null ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail);
    }

    @ServerExceptionMapper
    public Uni<Response> unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        return answer(uri, 500, "Something went wrong", "Something went wrong on our side. Please try again.");
    }

    private Uni<Response> answer(UriInfo uri, int status, String title, String detail) {
        if (uri.getPath().startsWith("/api/")) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            problem.put("instance", uri.getPath());
            return Uni.createFrom().item(Response.status(status).type(PROBLEM_JSON).entity(problem).build());
        }
        return pages.render("error", Map.of("title", title, "detail", detail, "status", status))
                .map(html -> Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build());
    }

    private static String abbreviate(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "…" : path;
    }
}
