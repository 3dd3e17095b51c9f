package io.realtimestore.gateway.upstream;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * A Realtime service speaking the GA protocol: Azure OpenAI, OpenAI, any compatible URL, or the local voice engine.
 * The gateway opens one upstream session per client session and never shares it.
 */
public interface Upstream {

    /** azure, openai, url or local: shown in logs, readiness and the store.session event. */
    String name();

    /** Empty when the upstream is configured; otherwise what is missing, in words an operator can act on. */
    Optional<String> unavailableReason();

    /** Empty when fully working; otherwise which parts run degraded and what to install (the local engine). */
    default Optional<String> degradedReason() {
        return Optional.empty();
    }

    /** Opens a new upstream session; events arrive at the listener (on any thread). */
    Uni<UpstreamConnection> connect(UpstreamListener listener);

    /** host and port that readiness probes (TCP connect), when the upstream is remote. */
    default Optional<java.net.URI> address() {
        return Optional.empty();
    }

    /**
     * Attaches to a WebRTC call that a client holds with the provider directly ({@code ?call_id=}), when the upstream
     * has calls; the connection then carries the call's server events and takes events for it.
     */
    default Optional<Uni<UpstreamConnection>> sideband(String callId, UpstreamListener listener) {
        return Optional.empty();
    }

    /** The HTTP endpoint that mints ephemeral client secrets for WebRTC clients, when the upstream has one. */
    default Optional<ClientSecretEndpoint> clientSecrets() {
        return Optional.empty();
    }
}
