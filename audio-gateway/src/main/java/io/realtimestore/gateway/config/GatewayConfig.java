package io.realtimestore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Client-facing settings of the gateway: credentials, tokens, origins and the limits of one session. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Where the generated API key and token secret are kept when they are not configured. */
    Path dataDir();

    /** {@code GATEWAY_API_KEY}: trusted callers mint tokens (or connect directly) with it. Generated when absent. */
    Optional<String> apiKey();

    Tokens tokens();

    /**
     * Browser origins allowed to open a session. Requests without an {@code Origin} header (servers, SDKs) are
     * not browsers and are judged by their credentials alone.
     */
    List<String> allowedOrigins();

    Limits limits();

    interface Tokens {
        /** {@code GATEWAY_TOKEN_SECRET}: HMAC key shared by all replicas (32+ characters). Generated when absent. */
        Optional<String> secret();

        /** How long a minted token may be used to connect. */
        @WithDefault("60s")
        Duration ttl();

        /** Upper bound on remembered token ids, so replay protection has bounded memory. */
        @WithDefault("100000")
        int replayCacheSize();
    }

    interface Limits {
        /** Largest accepted client message; larger ones get an error and the session is closed (1009). */
        @WithDefault("1048576")
        int maxMessageBytes();

        /** Azure ends Realtime sessions at 30 minutes; the gateway ends them cleanly first. */
        @WithDefault("30m")
        Duration maxSessionDuration();

        /** How long before the end the client is warned. */
        @WithDefault("60s")
        Duration sessionEndWarning();

        /** A session that receives nothing from its client for this long is closed. */
        @WithDefault("5m")
        Duration idleTimeout();

        @WithDefault("200")
        int maxSessions();

        @WithDefault("5")
        int maxSessionsPerClient();

        /**
         * Bytes queued towards one peer that it has not yet accepted. A slower peer than this is closed (1013)
         * instead of growing the gateway's memory.
         */
        @WithDefault("4194304")
        int maxPendingBytes();

        /** Client events queued while the upstream session is still being opened. */
        @WithDefault("256")
        int maxQueuedBeforeUpstream();

        /** How often each client is pinged, so proxies and load balancers do not close a quiet socket. */
        @WithDefault("30s")
        Duration pingInterval();

        /** After barge-in, how long to wait for the client's own truncate before truncating at what was sent. */
        @WithDefault("500ms")
        Duration truncateGrace();
    }
}
