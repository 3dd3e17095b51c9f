package io.realtimestore.gateway.security;

import java.time.Instant;

/**
 * Makes a client token single-use. The default keeps used token ids in memory, which is exact for one replica;
 * several replicas behind a load balancer need a shared implementation (for example a Redis SETNX with the
 * token's expiry): provide it as a CDI bean and it replaces the default.
 */
public interface ReplayGuard {

    /** @return true the first time a token id is presented, false for every later presentation before expiry */
    boolean firstUse(String tokenId, Instant expiresAt);
}
