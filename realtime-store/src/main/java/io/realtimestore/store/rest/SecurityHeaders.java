package io.realtimestore.store.rest;

import io.realtimestore.store.config.GatewayAddress;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers on every page: a Content-Security-Policy that lets scripts, styles and AudioWorklets load only from the
 * store and lets the panel connect only to the store and the gateway (its WebSocket and its text chat); no framing; the
 * microphone for this origin only.
 */
public class SecurityHeaders {

    private final String contentSecurityPolicy;

    SecurityHeaders(GatewayAddress gateway) {
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                + "connect-src 'self' " + gateway.connectOrigins() + "; media-src 'self' blob:; worker-src 'self'; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response.getHeaders().putSingle("Content-Security-Policy", contentSecurityPolicy);
            response.getHeaders().putSingle("Permissions-Policy", "microphone=(self), camera=()");
        }
    }
}
