package io.realtimestore.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.arc.DefaultBean;
import io.realtimestore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Used token ids, each remembered until its token expires (plus clock skew); bounded in size. */
@DefaultBean
@ApplicationScoped
public class InMemoryReplayGuard implements ReplayGuard {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final Cache<String, Instant> used;

    InMemoryReplayGuard(GatewayConfig config) {
        this.used = Caffeine.newBuilder()
                .maximumSize(config.tokens().replayCacheSize())
                .expireAfter(Expiry.<String, Instant>creating((id, expiresAt) -> {
                    Duration left = Duration.between(Instant.now(), expiresAt).plus(SKEW);
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    @Override
    public boolean firstUse(String tokenId, Instant expiresAt) {
        return used.asMap().putIfAbsent(tokenId, expiresAt) == null;
    }
}
