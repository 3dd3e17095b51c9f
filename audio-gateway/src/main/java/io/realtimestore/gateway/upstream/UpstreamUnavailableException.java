package io.realtimestore.gateway.upstream;

/**
 * The upstream session could not be opened; the message is safe to show to a client (no credentials). The code
 * tells a client what kind of trouble it is, so it can choose what to do (the store's panel switches to text chat).
 */
public class UpstreamUnavailableException extends RuntimeException {

    /** The service could not be reached or failed. */
    public static final String UNAVAILABLE = "upstream_unavailable";
    /** The service answered 429: too many sessions or requests for the deployment's quota. */
    public static final String RATE_LIMITED = "upstream_rate_limited";
    /** The service refused the session (401/403/4xx): a configuration problem on the gateway's side. */
    public static final String REJECTED = "upstream_rejected";

    private final String code;

    public UpstreamUnavailableException(String message) {
        this(UNAVAILABLE, message);
    }

    public UpstreamUnavailableException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The code for an HTTP status the service refused a handshake or request with. */
    public static String codeForStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 400 && status < 500 ? REJECTED : UNAVAILABLE;
    }
}
