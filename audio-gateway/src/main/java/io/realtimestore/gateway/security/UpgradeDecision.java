package io.realtimestore.gateway.security;

import java.util.Map;

/** What {@link RealtimeUpgradeCheck} decided about a WebSocket upgrade request. */
public sealed interface UpgradeDecision {

    /** The upgrade may proceed; the session belongs to this client. */
    record Permit(ClientIdentity identity) implements UpgradeDecision {
    }

    /**
     * Answer with this status instead of upgrading. The reason goes out as the {@code X-Realtime-Error} header and as
     * the plain-text body (browsers hide both from scripts; tools and server clients show them), with any headers the
     * status calls for ({@code WWW-Authenticate}, {@code Retry-After}).
     */
    record Refuse(int status, String reason, Map<String, String> headers) implements UpgradeDecision {
    }
}
