package io.realtimestore.store.client;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.realtimestore.store.config.StoreConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Mints gateway client tokens for the browser: the store's backend holds {@code GATEWAY_API_KEY}, the browser gets a
 * token that is good for one connection within a minute. Timeout, one retry and a circuit breaker keep a gateway
 * outage from stalling the panel.
 */
@ApplicationScoped
public class GatewayClient {

    private final GatewayApi api;
    private final Optional<String> apiKey;
    private final TypedGuard<Uni<GatewayApi.ClientToken>> guard;
    private final TypedGuard<Uni<GatewayApi.CallAnswer>> callGuard;

    GatewayClient(@RestClient GatewayApi api, StoreConfig config) {
        this.api = api;
        this.apiKey = config.gateway().apiKey().filter(key -> !key.isBlank());
        this.guard = TypedGuard.create(new TypeLiteral<Uni<GatewayApi.ClientToken>>() {
        })
                .withDescription("gateway-tokens")
                .withTimeout().duration(config.gateway().timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(1).delay(100, ChronoUnit.MILLIS).whenException(failure -> !ClientErrors.isRefusal(failure)).done()
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .when(failure -> !ClientErrors.isRefusal(failure)).done()
                .build();
        // Opening a call is not retried: a second attempt would open a second call with the provider.
        this.callGuard = TypedGuard.create(new TypeLiteral<Uni<GatewayApi.CallAnswer>>() {
        })
                .withDescription("gateway-calls")
                .withTimeout().duration(config.gateway().callTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .when(failure -> !ClientErrors.isRefusal(failure)).done()
                .build();
    }

    void warnWhenUnconfigured(@Observes StartupEvent started) {
        if (apiKey.isEmpty()) {
            Log.warn("GATEWAY_API_KEY is not set: the pages work, but the voice assistant cannot start sessions. "
                    + "Set it to the audio-gateway's API key (start-local.sh does this for you).");
        }
    }

    public boolean configured() {
        return apiKey.isPresent();
    }

    /** A token for one connection of this shopper. */
    public Uni<GatewayApi.ClientToken> mintToken(String shopper) {
        if (apiKey.isEmpty()) {
            return Uni.createFrom().failure(notConfigured());
        }
        return guard.get(() -> api.mint(apiKey.get(), new GatewayApi.TokenRequest(shopper)))
                .onFailure().transform(GatewayClient::explain);
    }

    /**
     * Opens a WebRTC call with the provider for the browser's SDP offer; the gateway holds the credentials and runs the
     * tools on the call. A gateway whose upstream has no WebRTC (the local engine) answers 409.
     */
    public Uni<GatewayApi.CallAnswer> openCall(String offer) {
        if (apiKey.isEmpty()) {
            return Uni.createFrom().failure(notConfigured());
        }
        return callGuard.get(() -> api.openCall(apiKey.get(), offer)).onFailure().transform(failure -> {
            if (ClientErrors.isRefusal(failure) && ClientErrors.status(failure) == 409) {
                return new AssistantUnavailableException("Direct WebRTC needs the assistant on Azure OpenAI or OpenAI; "
                        + "this store's assistant runs on the built-in voice engine. Use the standard connection.");
            }
            return explain(failure);
        });
    }

    private static AssistantUnavailableException notConfigured() {
        return new AssistantUnavailableException("The voice assistant is not set up on this store: its server has no GATEWAY_API_KEY.");
    }

    private static RuntimeException explain(Throwable failure) {
        if (ClientErrors.isRefusal(failure) && (ClientErrors.status(failure) == 401 || ClientErrors.status(failure) == 403)) {
            Log.errorf("The audio-gateway refused the store's GATEWAY_API_KEY (HTTP %d): set it to the gateway's key",
                    ClientErrors.status(failure));
            return new AssistantUnavailableException(
                    "The voice assistant is not available: the store's server is not accepted by the voice gateway.");
        }
        Log.warnf("The audio-gateway did not serve the request: %s", failure.toString());
        return new AssistantUnavailableException("The voice assistant is unavailable right now. Please try again in a moment.");
    }
}
