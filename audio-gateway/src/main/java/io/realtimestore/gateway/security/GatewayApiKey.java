package io.realtimestore.gateway.security;

import io.quarkus.runtime.Startup;
import io.realtimestore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The key of trusted callers ({@code GATEWAY_API_KEY}). Only its digest is kept; comparison is constant-time. */
@Startup
@ApplicationScoped
public class GatewayApiKey {

    static final String KEY_FILE = "gateway-api-key";

    private final byte[] digest;

    GatewayApiKey(GatewayConfig config) {
        String key = LocalSecrets.configuredOrStored(config.apiKey(), "GATEWAY_API_KEY", 16,
                config.dataDir().resolve(KEY_FILE), "gk_", true);
        this.digest = sha256(key);
    }

    public boolean matches(String presented) {
        return presented != null && !presented.isEmpty() && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
