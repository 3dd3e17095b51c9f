package io.realtimestore.gateway.security;

import io.quarkus.runtime.Startup;
import io.realtimestore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Short-lived, single-use client tokens: HS256-signed JWTs with a random id. Any replica holding the same
 * {@code GATEWAY_TOKEN_SECRET} verifies them; the {@link ReplayGuard} refuses a second use.
 */
@Startup
@ApplicationScoped
public class ClientTokens {

    static final String SECRET_FILE = "token-secret";
    private static final String ISSUER = "realtime-store-gateway";
    private static final String AUDIENCE = "realtime";

    private final HmacKey key;
    private final GatewayConfig config;
    private final ReplayGuard replayGuard;
    private final Clock clock;

    @jakarta.inject.Inject
    ClientTokens(GatewayConfig config, ReplayGuard replayGuard) {
        this(config, replayGuard, Clock.systemUTC());
    }

    ClientTokens(GatewayConfig config, ReplayGuard replayGuard, Clock clock) {
        this.config = config;
        this.replayGuard = replayGuard;
        this.clock = clock;
        String secret = LocalSecrets.configuredOrStored(config.tokens().secret(), "GATEWAY_TOKEN_SECRET", 32,
                config.dataDir().resolve(SECRET_FILE), "ts_", false);
        this.key = new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    public record MintedToken(String token, Instant expiresAt) {
    }

    /** Identity carried by a verified token. */
    public record TokenIdentity(String client, String tokenId, Instant expiresAt) {
    }

    public MintedToken mint(String client) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.tokens().ttl());
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(client);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return new MintedToken(jws.getCompactSerialization(), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a client token", e);
        }
    }

    /** Verifies signature, issuer, audience and expiry, then consumes the token id. */
    public TokenIdentity verifyAndConsume(String token) throws TokenRejected {
        JwtClaims claims;
        try {
            claims = consumerAt(clock.millis()).processToClaims(token);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new TokenRejected(401, "token expired: mint a new one with POST /api/realtime/sessions");
            }
            if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                throw new TokenRejected(401, "token signature is not valid");
            }
            throw new TokenRejected(401, "token is not a valid gateway token");
        }
        try {
            Instant expiresAt = Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis());
            if (!replayGuard.firstUse(claims.getJwtId(), expiresAt)) {
                throw new TokenRejected(403, "token was already used: tokens are single-use");
            }
            return new TokenIdentity(claims.getSubject(), claims.getJwtId(), expiresAt);
        } catch (MalformedClaimException e) {
            throw new TokenRejected(401, "token is not a valid gateway token");
        }
    }

    private JwtConsumer consumerAt(long millis) {
        // Built per call because the evaluation time follows the injected clock (tests move it).
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setAllowedClockSkewInSeconds(5)
                .setEvaluationTime(NumericDate.fromMilliseconds(millis))
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    /** Why a presented token was refused, with the HTTP status the upgrade answers. */
    public static final class TokenRejected extends Exception {
        private final int status;

        TokenRejected(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The WWW-Authenticate value for a refused or missing token (RFC 6750). */
    public static String bearerChallenge(String description) {
        return "Bearer realm=\"realtime\", error=\"invalid_token\", error_description=\"" + description.replace('"', '\'') + "\"";
    }
}
