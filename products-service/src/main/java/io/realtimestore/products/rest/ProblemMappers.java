package io.realtimestore.products.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.realtimestore.products.service.CatalogException;
import io.realtimestore.products.service.CatalogException.FieldError;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 7807 problem responses. Every mapper names the offending field
 * when there is one, and none leaks a stack trace or internal class name to the caller.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response catalog(CatalogException e, UriInfo uri) {
        return problem(e.status(), e.title(), e.getMessage(), uri, e.fieldErrors(), e.extensions());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid.");
        return problem(400, "Invalid request", detail, uri, errors, Map.of());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return problem(400, "Unknown field", "The field '" + field + "' is not part of this resource.", uri,
                List.of(new FieldError(field, "unknown field")), Map.of());
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return problem(400, "Wrong type", field + " must be " + expected + ".", uri,
                List.of(new FieldError(field, "must be " + expected)), Map.of());
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return problem(400, "Malformed JSON", "The request body must be a JSON object.", uri, List.of(), Map.of());
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return problem(400, "Wrong type", field + " must be " + expected + ".", uri,
                List.of(new FieldError(field, "must be " + expected)), Map.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return problem(400, "Malformed JSON", "The request body is not valid JSON" + where + ".", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "";
        return problem(400, "Malformed JSON", field.isEmpty() ? "The request body could not be read as JSON."
                : "The value of " + field + " could not be read.", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return problem(409, "Version conflict",
                "The product was changed by another request at the same time. Fetch it again and reapply your change.",
                uri, List.of(new FieldError("version", "stale")), Map.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "Catalog writes need the catalog-admin role.", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json instanceof UnrecognizedPropertyException u ? unknownField(u, uri)
                    : json instanceof InvalidFormatException f ? wrongType(f, uri)
                    : json instanceof MismatchedInputException m ? mismatchedInput(m, uri)
                    : json instanceof JsonParseException p ? malformedJson(p, uri) : otherJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return problem(status, title, describeStatus(status, e), uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        return problem(500, "Internal error", "The request could not be completed. It has been logged.", uri,
                List.of(), Map.of());
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(problem(401, "Unauthorized",
                "Catalog writes need a credential: send the header X-Api-Key with the products API key"
                        + " (or a bearer token with the catalog-admin role).", uri, List.of(), Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"")
                .build();
    }

    private static String describeStatus(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 406 -> "The requested representation is not available; accept application/json.";
            case 413 -> e.getMessage();
            case 415 -> "Unsupported media type: send the body as application/json"
                    + " (imports: application/x-ndjson or text/csv).";
            default -> status >= 500 ? "The request could not be completed." : e.getMessage();
        };
    }

    static Response problem(int status, String title, String detail, UriInfo uri, List<FieldError> errors,
            Map<String, Object> extensions) {
        String instance = uri == null ? null : uri.getPath();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(status, title, detail, instance, errors, extensions))
                .build();
    }

    /** The JSON path of a Jackson failure, e.g. {@code price} or {@code tags[2]}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The property path of a violation without the method and parameter nodes, e.g. {@code price}. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                names.clear();
                if (node.getKind() == ElementKind.PARAMETER) {
                    names.add(node.getName());
                }
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            } else if (node.getKey() != null) {
                name = name + "[" + node.getKey() + "]";
            }
            if (!names.isEmpty() && names.size() == 1 && isBodyParameter(names.getFirst())) {
                names.clear();
            }
            names.add(name);
        }
        String field = String.join(".", names);
        return field.isEmpty() || isBodyParameter(field) ? "body" : field;
    }

    private static boolean isBodyParameter(String name) {
        return name.equals("input") || name.equals("adjustment") || name.equals("body");
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
