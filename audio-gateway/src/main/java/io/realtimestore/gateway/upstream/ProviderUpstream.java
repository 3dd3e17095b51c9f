package io.realtimestore.gateway.upstream;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.function.Supplier;

/** A WebSocket Realtime provider: a name, how to reach it, and its client-secret endpoint. */
final class ProviderUpstream implements Upstream {

    private final String name;
    private final WebSocketUpstream sockets;
    private final Supplier<Uni<UpstreamTarget>> target;
    private final ClientSecretEndpoint clientSecrets;
    private final java.net.URI address;

    ProviderUpstream(String name, java.net.URI address, WebSocketUpstream sockets, Supplier<Uni<UpstreamTarget>> target,
            ClientSecretEndpoint clientSecrets) {
        this.name = name;
        this.address = address;
        this.sockets = sockets;
        this.target = target;
        this.clientSecrets = clientSecrets;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Uni<UpstreamConnection> connect(UpstreamListener listener) {
        return sockets.connect(target, listener);
    }

    @Override
    public Optional<Uni<UpstreamConnection>> sideband(String callId, UpstreamListener listener) {
        return Optional.of(sockets.connect(() -> target.get().map(resolved -> resolved.forCall(callId)), listener));
    }

    @Override
    public Optional<java.net.URI> address() {
        return Optional.of(address);
    }

    @Override
    public Optional<ClientSecretEndpoint> clientSecrets() {
        return Optional.of(clientSecrets);
    }
}
