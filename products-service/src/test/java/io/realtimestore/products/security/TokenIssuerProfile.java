package io.realtimestore.products.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** Configures a token issuer whose signing key the test holds, as an OIDC provider's JWKS would. */
public class TokenIssuerProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://issuer.test/realtime-store";
    static final KeyPair KEYS = generate();

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:auth;MODE=MSSQLServer;DB_CLOSE_DELAY=-1",
                "products.seed.enabled", "false");
    }
}
