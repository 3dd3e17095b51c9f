package io.realtimestore.store.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Where browsers reach the gateway: {@code GATEWAY_PUBLIC_URL}, else {@code GATEWAY_URL}, given as http(s) or ws(s).
 * The panel dials two endpoints there: the Realtime WebSocket and, when voice is unavailable, the text chat over
 * HTTP(S); both are built on the same base, so a deployment that moves the gateway moves both.
 * A URL that is not absolute fails the start and names the variable.
 */
@Startup
@ApplicationScoped
public class GatewayAddress {

    private static final String REALTIME_PATH = "/v1/realtime";
    private static final String CHAT_PATH = "/v1/chat";

    private final URI publicBase;
    /** The public URL's path without trailing slashes or the Realtime endpoint (which may be given with it). */
    private final String basePath;

    GatewayAddress(StoreConfig config) {
        String variable = config.gateway().publicUrl().filter(url -> !url.isBlank()).isPresent() ? "GATEWAY_PUBLIC_URL" : "GATEWAY_URL";
        String value = config.gateway().publicUrl().filter(url -> !url.isBlank()).orElse(config.gateway().url());
        this.publicBase = parse(variable, value);
        String path = publicBase.getRawPath() == null ? "" : publicBase.getRawPath().replaceAll("/+$", "");
        this.basePath = path.endsWith(REALTIME_PATH) ? path.substring(0, path.length() - REALTIME_PATH.length()) : path;
    }

    /** The WebSocket URL of the gateway's Realtime endpoint, for the browser. */
    public String realtimeUrl() {
        return webSocketOrigin() + basePath + REALTIME_PATH;
    }

    /** The HTTP(S) URL of the gateway's text chat endpoint, for the browser. */
    public String chatUrl() {
        return httpOrigin() + basePath + CHAT_PATH;
    }

    /** The origins the page's Content-Security-Policy must let the panel connect to: the WebSocket's and the chat's. */
    public String connectOrigins() {
        return webSocketOrigin() + " " + httpOrigin();
    }

    private String webSocketOrigin() {
        return (secure() ? "wss" : "ws") + "://" + publicBase.getRawAuthority();
    }

    private String httpOrigin() {
        return (secure() ? "https" : "http") + "://" + publicBase.getRawAuthority();
    }

    private boolean secure() {
        return publicBase.getScheme().equals("https") || publicBase.getScheme().equals("wss");
    }

    private static URI parse(String variable, String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null
                    || !uri.getScheme().matches("https?|wss?")) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(variable + " must be an absolute http(s):// or ws(s):// URL of the audio-gateway, got '"
                    + value + "'");
        }
    }
}
