package io.realtimestore.store.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimestore.store.client.GatewayClient;
import io.realtimestore.store.config.GatewayAddress;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Starts a voice session for the page's assistant panel: the store's backend mints a single-use gateway token with
 * its {@code GATEWAY_API_KEY} and gives the browser only that token and the URL to dial. Each browser gets an
 * anonymous shopper id (cookie) so the gateway's per-client session cap applies per shopper; only this site's own
 * pages may ask, so another site cannot spend a visitor's sessions.
 */
@Path("/api/assistant/session")
public class AssistantSessionResource {

    static final String SHOPPER_COOKIE = "rs_shopper";
    private static final Pattern SHOPPER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GatewayClient gateway;
    private final GatewayAddress address;

    AssistantSessionResource(GatewayClient gateway, GatewayAddress address) {
        this.gateway = gateway;
        this.address = address;
    }

    /** What the panel needs to connect; the token is good for one connection within a minute. */
    public record AssistantSession(String token, @JsonProperty("expires_at") long expiresAt, String url) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@CookieParam(SHOPPER_COOKIE) String shopperCookie,
            @HeaderParam("Sec-Fetch-Site") String fetchSite, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        if (crossSite(fetchSite, origin, host)) {
            throw new ForbiddenException("Voice sessions can only be started from this store's own pages.");
        }
        boolean known = shopperCookie != null && SHOPPER_ID.matcher(shopperCookie).matches();
        String shopper = known ? shopperCookie : newShopperId();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return gateway.mintToken("shopper-" + shopper).map(token -> {
            Response.ResponseBuilder answer = Response.ok(new AssistantSession(token.token(), token.expiresAt(), address.realtimeUrl()))
                    .cacheControl(noStore);
            if (!known) {
                answer.cookie(new NewCookie.Builder(SHOPPER_COOKIE).value(shopper).path("/api/assistant").httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).build());
            }
            return answer.build();
        });
    }

    /**
     * Browsers say where a request comes from: {@code Sec-Fetch-Site} (all current ones) or at least {@code Origin}
     * on a POST. Requests with neither are not from a browser page and are let through (curl, tests).
     */
    static boolean crossSite(String fetchSite, String origin, String host) {
        if (fetchSite != null) {
            return !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        }
        if (origin == null || origin.equals("null")) {
            return origin != null;
        }
        String originHost = origin.replaceFirst("^[a-z]+://", "");
        return host == null || !originHost.equalsIgnoreCase(host);
    }

    private static String newShopperId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
