package io.realtimestore.products.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code X-Api-Key}: the right key yields an identity with the {@value Roles#CATALOG_ADMIN} role,
 * a wrong key fails authentication, no header leaves the request to the other mechanisms (bearer tokens) or
 * anonymous. Reads stay public; writes are guarded with {@code @RolesAllowed}.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-Api-Key";

    private final ApiKeyStore keys;

    ApiKeyAuthenticationMechanism(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String presented = context.request().getHeader(HEADER);
        if (presented == null) {
            return Uni.createFrom().nullItem();
        }
        if (!keys.matches(presented.strip())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key"))
                .addRole(Roles.CATALOG_ADMIN)
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ApiKey header=\"" + HEADER + "\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
