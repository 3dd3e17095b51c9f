package io.realtimestore.store.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimestore.store.client.GatewayClient;
import io.realtimestore.store.config.GatewayAddress;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
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
 * Starts voice sessions for the page's assistant panel. {@code /session}: the store's backend mints a single-use
 * gateway token with its {@code GATEWAY_API_KEY} and gives the browser only that token and the URLs to use it on.
 * {@code /webrtc}: the browser's SDP offer goes through the gateway to the provider, and only the SDP answer comes
 * back — no credential at all reaches the browser. Each browser gets an anonymous shopper id (cookie) so the gateway's
 * per-client session cap applies per shopper; only this site's own pages may ask, so another site cannot spend a
 * visitor's sessions.
 */
@Path("/api/assistant")
public class AssistantResource {

    static final String SHOPPER_COOKIE = "rs_shopper";
    private static final Pattern SHOPPER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A browser's offer is a few kilobytes; this bounds what is forwarded. */
    private static final int MAX_OFFER_CHARS = 16_384;

    private final GatewayClient gateway;
    private final GatewayAddress address;

    AssistantResource(GatewayClient gateway, GatewayAddress address) {
        this.gateway = gateway;
        this.address = address;
    }

    /**
     * What the panel needs to connect; the token is good for one use within a minute: one Realtime connection
     * ({@code url}), or one message to the gateway's text chat ({@code chat_url}) when voice is unavailable.
     */
    public record AssistantSession(String token, @JsonProperty("expires_at") long expiresAt, String url,
            @JsonProperty("chat_url") String chatUrl) {
    }

    /** A WebRTC call's answer for the browser's peer connection. */
    public record WebRtcAnswer(@JsonProperty("call_id") String callId, String sdp) {
    }

    @POST
    @Path("/session")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@CookieParam(SHOPPER_COOKIE) String shopperCookie,
            @HeaderParam("Sec-Fetch-Site") String fetchSite, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        refuseCrossSite(fetchSite, origin, host);
        boolean known = isShopperId(shopperCookie);
        String shopper = known ? shopperCookie : newShopperId();
        return gateway.mintToken("shopper-" + shopper).map(token -> answer(
                new AssistantSession(token.token(), token.expiresAt(), address.realtimeUrl(), address.chatUrl()), known ? null : shopper));
    }

    /** The browser's SDP offer (with its microphone track and the oai-events data channel) → the provider's answer. */
    @POST
    @Path("/webrtc")
    @Consumes("application/sdp")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> webRtc(String offer, @HeaderParam("Sec-Fetch-Site") String fetchSite,
            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host) {
        refuseCrossSite(fetchSite, origin, host);
        if (offer == null || !offer.startsWith("v=0") || offer.length() > MAX_OFFER_CHARS) {
            throw new BadRequestException("Send the browser's SDP offer (application/sdp, starting v=0, at most "
                    + MAX_OFFER_CHARS + " characters).");
        }
        return gateway.openCall(offer).map(call -> answer(new WebRtcAnswer(call.callId(), call.sdp()), null));
    }

    private static Response answer(Object body, String newShopper) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        Response.ResponseBuilder answer = Response.ok(body).cacheControl(noStore);
        if (newShopper != null) {
            answer.cookie(new NewCookie.Builder(SHOPPER_COOKIE).value(newShopper).path("/api/assistant").httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).build());
        }
        return answer.build();
    }

    private static void refuseCrossSite(String fetchSite, String origin, String host) {
        if (crossSite(fetchSite, origin, host)) {
            throw new ForbiddenException("Voice sessions can only be started from this store's own pages.");
        }
    }

    private static boolean isShopperId(String cookie) {
        return cookie != null && SHOPPER_ID.matcher(cookie).matches();
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
