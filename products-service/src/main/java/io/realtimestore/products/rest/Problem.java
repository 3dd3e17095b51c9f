package io.realtimestore.products.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.realtimestore.products.service.CatalogException.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 7807 problem document ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    public final String type = "about:blank";
    public final String title;
    public final int status;
    public final String detail;
    public final String instance;
    public final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public Problem(int status, String title, String detail, String instance, List<FieldError> errors,
            Map<String, Object> extensions) {
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.instance = instance;
        this.errors = errors;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
