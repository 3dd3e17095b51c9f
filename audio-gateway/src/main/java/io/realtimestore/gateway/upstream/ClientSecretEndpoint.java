package io.realtimestore.gateway.upstream;

import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.util.Map;

/** {@code POST …/realtime/client_secrets} of the provider, with the headers that authenticate the gateway. */
public record ClientSecretEndpoint(URI uri, Uni<Map<String, String>> headers, String model) {
}
