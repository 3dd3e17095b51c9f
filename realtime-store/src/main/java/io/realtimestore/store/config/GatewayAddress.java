package io.realtimestore.store.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Where browsers reach the gateway: {@code GATEWAY_PUBLIC_URL}, else {@code GATEWAY_URL}, given as http(s) or ws(s).
 * A URL that is not absolute fails the start and names the variable.
 */
@Startup
@ApplicationScoped
public class GatewayAddress {

    private final URI publicBase;

    GatewayAddress(StoreConfig config) {
        String variable = config.gateway().publicUrl().filter(url -> !url.isBlank()).isPresent() ? "GATEWAY_PUBLIC_URL" : "GATEWAY_URL";
        String value = config.gateway().publicUrl().filter(url -> !url.isBlank()).orElse(config.gateway().url());
        this.publicBase = parse(variable, value);
    }

    /** The WebSocket URL of the gateway's Realtime endpoint, for the browser. */
    public String realtimeUrl() {
        String scheme = switch (publicBase.getScheme()) {
            case "https", "wss" -> "wss";
            default -> "ws";
        };
        String path = publicBase.getPath() == null ? "" : publicBase.getPath().replaceAll("/+$", "");
        if (!path.endsWith("/v1/realtime")) {
            path = path + "/v1/realtime";
        }
        return scheme + "://" + publicBase.getRawAuthority() + path;
    }

    /** The origin the page's Content-Security-Policy must allow the panel to connect to. */
    public String webSocketOrigin() {
        URI realtime = URI.create(realtimeUrl());
        return realtime.getScheme() + "://" + realtime.getRawAuthority();
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
