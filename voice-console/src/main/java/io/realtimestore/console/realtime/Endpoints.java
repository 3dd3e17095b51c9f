package io.realtimestore.console.realtime;

import io.realtimestore.dto.realtime.StoreEvents;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds the {@link Endpoint} for each way of connecting. Bad URLs give an {@link IllegalArgumentException} in plain words. */
public final class Endpoints {

    static final String GATEWAY_PATH = "/v1/realtime";

    private Endpoints() {
    }

    /**
     * The gateway, with its API key ({@code X-Api-Key}: a trusted caller) or a single-use token it minted
     * ({@code Authorization: Bearer}). Offers {@code realtime-store.v1} so the gateway also sends its store events
     * (product cards, session info, the end of the conversation).
     */
    public static Endpoint gateway(String url, String apiKey, String token) {
        URI base = webSocketUri(url, "--gateway");
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() || base.getRawPath().equals("/")
                ? GATEWAY_PATH : base.getRawPath();
        URI uri = withPathAndQuery(base, path, base.getRawQuery());
        Map<String, String> headers = apiKey != null ? Map.of("X-Api-Key", apiKey) : Map.of("Authorization", "Bearer " + token);
        return new Endpoint(Endpoint.Kind.GATEWAY, uri, headers, List.of(StoreEvents.SUBPROTOCOL));
    }

    /**
     * Azure OpenAI's GA endpoint {@code {endpoint}/openai/v1/realtime?model={deployment}}, with the resource's key
     * ({@code api-key}) or an Entra ID access token ({@code Authorization: Bearer}).
     */
    public static Endpoint azure(String endpoint, String deployment, String apiKey, String entraToken) {
        URI base = webSocketUri(endpoint, "--azure-endpoint");
        String prefix = trimSlash(base.getRawPath());
        URI uri = withPathAndQuery(base, prefix + "/openai/v1/realtime", "model=" + encode(deployment));
        Map<String, String> headers = apiKey != null ? Map.of("api-key", apiKey) : Map.of("Authorization", "Bearer " + entraToken);
        return new Endpoint(Endpoint.Kind.AZURE, uri, headers, List.of());
    }

    /** OpenAI: {@code {baseUrl}/realtime?model={model}} (base https://api.openai.com/v1) with {@code Authorization: Bearer}. */
    public static Endpoint openAi(String baseUrl, String model, String apiKey) {
        URI base = webSocketUri(baseUrl, "--openai-base-url");
        URI uri = withPathAndQuery(base, trimSlash(base.getRawPath()) + "/realtime", "model=" + encode(model));
        return new Endpoint(Endpoint.Kind.OPENAI, uri, Map.of("Authorization", "Bearer " + apiKey), List.of());
    }

    /** Accepts ws, wss, http and https (the last two mapped to ws and wss, as the OpenAI SDKs do). */
    public static URI webSocketUri(String url, String option) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String mapped = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException(option + " must start with ws://, wss://, http:// or https://: " + url);
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(option + " has no host name: " + url);
        }
        return withScheme(uri, mapped);
    }

    private static URI withScheme(URI uri, String scheme) {
        try {
            return new URI(scheme, uri.getRawUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + uri, e);
        }
    }

    private static URI withPathAndQuery(URI base, String rawPath, String rawQuery) {
        String authority = base.getRawAuthority();
        return URI.create(base.getScheme() + "://" + authority + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    }

    private static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
