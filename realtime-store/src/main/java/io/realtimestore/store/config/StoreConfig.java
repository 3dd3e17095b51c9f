package io.realtimestore.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The storefront's settings; environment variables are named in application.properties. */
@ConfigMapping(prefix = "store")
public interface StoreConfig {

    /** Shown in the header and page titles. */
    @WithDefault("Realtime Store")
    String name();

    Catalog catalog();

    Gateway gateway();

    /** How the pages read products-service. */
    interface Catalog {
        /** Products per page of the grid. */
        @WithDefault("12")
        int pageSize();

        /** Products on the home page. */
        @WithDefault("8")
        int featuredCount();

        /** Results on the search page. */
        @WithDefault("24")
        int searchLimit();

        /** One attempt's limit; a page waits at most about twice this before it says the catalog is unavailable. */
        @WithDefault("2s")
        Duration attemptTimeout();

        @WithDefault("1")
        int maxRetries();

        /** Categories and brands change rarely; the filters and the home page reuse them this long. */
        @WithDefault("60s")
        Duration facetCacheTtl();
    }

    /** The audio-gateway: where the backend mints tokens, and what the browser dials. */
    interface Gateway {
        /** {@code GATEWAY_URL}: the gateway as the store's backend reaches it. */
        @WithDefault("http://localhost:8082")
        String url();

        /** {@code GATEWAY_PUBLIC_URL}: the gateway as browsers reach it; defaults to {@code GATEWAY_URL}. */
        Optional<String> publicUrl();

        /** {@code GATEWAY_API_KEY}: lets the backend mint short-lived client tokens; never sent to a browser. */
        Optional<String> apiKey();

        @WithDefault("3s")
        Duration timeout();

        /** Opening a WebRTC call: the gateway asks the provider for a secret, then for the call. */
        @WithDefault("20s")
        Duration callTimeout();
    }
}
