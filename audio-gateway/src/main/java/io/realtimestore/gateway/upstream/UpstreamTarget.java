package io.realtimestore.gateway.upstream;

import java.net.URI;
import java.util.Map;

/** Where and how to open one upstream session: the WebSocket URL and the headers (credentials) to send. */
public record UpstreamTarget(URI uri, Map<String, String> headers) {

    @Override
    public String toString() {
        return "UpstreamTarget[" + uri + ", headers=" + headers.keySet() + "]"; // header values are credentials
    }
}
