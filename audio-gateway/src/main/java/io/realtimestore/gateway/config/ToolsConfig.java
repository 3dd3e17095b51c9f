package io.realtimestore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway calls products-service for the model's tools. */
@ConfigMapping(prefix = "tools")
public interface ToolsConfig {

    /** Time for one tool, including retries; after it the model is told to apologise. */
    @WithDefault("4s")
    Duration timeout();

    /** Time for one attempt at a call to products-service. */
    @WithDefault("1500ms")
    Duration attemptTimeout();

    @WithDefault("2")
    int maxRetries();

    @WithDefault("100ms")
    Duration retryDelay();

    /** Failed calls within the rolling window that open the circuit. */
    @WithDefault("10")
    int circuitRequestVolume();

    @WithDefault("0.5")
    double circuitFailureRatio();

    @WithDefault("10s")
    Duration circuitDelay();

    /** Product lookups are cached briefly: prices and stock can change, so not for long. */
    @WithDefault("10s")
    Duration cacheTtl();

    @WithDefault("1000")
    int cacheSize();

    /** Most products a search returns to the model. */
    @WithDefault("5")
    int defaultSearchLimit();

    @WithDefault("10")
    int maxSearchLimit();
}
