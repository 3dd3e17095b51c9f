package io.realtimestore.gateway.upstream;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * The offline voice engine (VAD, speech-to-text, assistant, text-to-speech) plugs in here. It is not part of the
 * gateway yet, so this upstream says so — at start-up, in readiness, and to every client that connects.
 */
final class LocalVoiceUpstream implements Upstream {

    static final String NOT_AVAILABLE = "the local voice engine is not available in this build yet; set "
            + "REALTIME_UPSTREAM=azure (with AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_REALTIME_DEPLOYMENT), "
            + "openai (with OPENAI_API_KEY) or url (with REALTIME_UPSTREAM_URL)";

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.of(NOT_AVAILABLE);
    }

    @Override
    public Uni<UpstreamConnection> connect(UpstreamListener listener) {
        return Uni.createFrom().failure(new UpstreamUnavailableException(NOT_AVAILABLE));
    }
}
