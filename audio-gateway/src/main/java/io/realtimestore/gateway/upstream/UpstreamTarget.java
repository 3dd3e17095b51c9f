package io.realtimestore.gateway.upstream;

import java.net.URI;
import java.util.Map;

/** Where and how to open one upstream session: the WebSocket URL and the headers (credentials) to send. */
public record UpstreamTarget(URI uri, Map<String, String> headers) {

    /** The same service and credentials, addressing a WebRTC call's sideband: {@code ?call_id=<id>} instead of the model. */
    public UpstreamTarget forCall(String callId) {
        return new UpstreamTarget(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                + "?call_id=" + java.net.URLEncoder.encode(callId, java.nio.charset.StandardCharsets.UTF_8)), headers);
    }

    @Override
    public String toString() {
        return "UpstreamTarget[" + uri + ", headers=" + headers.keySet() + "]"; // header values are credentials
    }
}
