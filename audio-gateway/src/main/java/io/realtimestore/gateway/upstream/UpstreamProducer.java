package io.realtimestore.gateway.upstream;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.quarkus.logging.Log;
import io.realtimestore.gateway.client.CatalogNames;
import io.realtimestore.gateway.config.GatewayConfig;
import io.realtimestore.gateway.config.SessionDefaults;
import io.realtimestore.gateway.config.UpstreamConfig;
import io.realtimestore.voice.LocalVoiceEngine;
import io.realtimestore.voice.LocalVoiceOptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Chooses the upstream from {@code REALTIME_UPSTREAM} and checks its settings at start-up. */
@ApplicationScoped
public class UpstreamProducer {

    /** Upstream events are trusted but may be large (a response.done with long transcripts): 16 MiB. */
    private static final int UPSTREAM_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    @Produces
    @ApplicationScoped
    Upstream upstream(UpstreamConfig config, Vertx vertx, GatewayConfig gateway, SessionDefaults defaults,
            CatalogNames catalog) {
        WebSocketUpstream sockets = new WebSocketUpstream(vertx, config.connectTimeout(), UPSTREAM_MAX_MESSAGE_BYTES);
        Upstream upstream = switch (config.upstream()) {
            case URL -> url(config, sockets);
            case OPENAI -> openAi(config, sockets);
            case AZURE -> azure(config, sockets);
            case LOCAL -> local(config.local(), gateway, defaults, catalog);
        };
        upstream.unavailableReason().ifPresentOrElse(
                reason -> Log.warnf("Realtime upstream '%s' is not usable: %s", upstream.name(), reason),
                () -> Log.infof("Realtime upstream: %s", upstream.name()));
        return upstream;
    }

    /**
     * Creates the upstream during start-up, on the main thread: the local engine loads models for a few seconds,
     * which must not happen on an event loop at the first request.
     */
    void createAtStartup(@Observes StartupEvent event, Upstream upstream) {
        upstream.name();
    }

    void close(@Disposes Upstream upstream) {
        if (upstream instanceof LocalVoiceUpstream local) {
            local.engine().close();
        }
    }

    /**
     * The offline engine, fed with the catalog's names now and every {@code catalogRefresh}.
     */
    private static Upstream local(UpstreamConfig.Local config, GatewayConfig gateway, SessionDefaults defaults,
            CatalogNames catalog) {
        LocalVoiceOptions options = LocalVoiceOptions.defaults(gateway.dataDir());
        options = new LocalVoiceOptions(options.modelDir(), config.recognizers() > 0 ? config.recognizers() : options.recognizers(),
                config.workers() > 0 ? config.workers() : options.workers());
        LocalVoiceEngine engine = LocalVoiceEngine.start(options);
        catalog.follow(engine::useCatalog);
        return new LocalVoiceUpstream(engine, defaults.voice(), gateway.limits().maxSessionDuration());
    }

    private static Upstream url(UpstreamConfig config, WebSocketUpstream sockets) {
        String url = config.upstreamUrl().map(String::strip).filter(u -> !u.isEmpty())
                .orElseThrow(() -> new IllegalStateException("REALTIME_UPSTREAM=url needs REALTIME_UPSTREAM_URL "
                        + "(a GA-compatible WebSocket URL such as ws://host:port/v1/realtime)"));
        URI uri = checkedWebSocketUri(url, "REALTIME_UPSTREAM_URL");
        URI secrets = URI.create(uri.toString().replaceFirst("^ws", "http").replaceFirst("\\?.*$", "") + "/client_secrets");
        return new ProviderUpstream("url", uri, sockets, () -> Uni.createFrom().item(new UpstreamTarget(uri, Map.of())),
                new ClientSecretEndpoint(secrets, Uni.createFrom().item(Map.of()), null));
    }

    private static Upstream openAi(UpstreamConfig config, WebSocketUpstream sockets) {
        String key = config.openai().apiKey().map(String::strip).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new IllegalStateException("REALTIME_UPSTREAM=openai needs OPENAI_API_KEY"));
        String base = config.openai().baseUrl().replaceAll("/+$", "");
        String model = config.openai().realtimeModel();
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/realtime?model=" + model);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + key);
        return new ProviderUpstream("openai", uri, sockets, () -> Uni.createFrom().item(new UpstreamTarget(uri, headers)),
                new ClientSecretEndpoint(URI.create(base + "/realtime/client_secrets"), Uni.createFrom().item(headers), model));
    }

    private static Upstream azure(UpstreamConfig config, WebSocketUpstream sockets) {
        UpstreamConfig.Azure azure = config.azure();
        String endpoint = azure.endpoint().map(String::strip).filter(e -> !e.isEmpty())
                .orElseThrow(() -> new IllegalStateException("REALTIME_UPSTREAM=azure needs AZURE_OPENAI_ENDPOINT "
                        + "(https://<resource>.openai.azure.com)")).replaceAll("/+$", "");
        String deployment = azure.realtimeDeployment().map(String::strip).filter(d -> !d.isEmpty())
                .orElseThrow(() -> new IllegalStateException("REALTIME_UPSTREAM=azure needs "
                        + "AZURE_OPENAI_REALTIME_DEPLOYMENT (the name of your gpt-realtime deployment)"));
        if (!endpoint.startsWith("https://") && !endpoint.startsWith("http://")) {
            throw new IllegalStateException("AZURE_OPENAI_ENDPOINT must start with https:// (got a value without a scheme)");
        }
        // GA route: no api-version (with one, Azure answers 401).
        URI uri = URI.create(endpoint.replaceFirst("^http", "ws") + "/openai/v1/realtime?model=" + deployment);
        URI secrets = URI.create(endpoint + "/openai/v1/realtime/client_secrets");
        Optional<String> key = azure.apiKey().map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent()) {
            Map<String, String> headers = Map.of("api-key", key.get());
            return new ProviderUpstream("azure", uri, sockets, () -> Uni.createFrom().item(new UpstreamTarget(uri, headers)),
                    new ClientSecretEndpoint(secrets, Uni.createFrom().item(headers), deployment));
        }
        Log.info("AZURE_OPENAI_API_KEY not set: authenticating to Azure OpenAI with Entra ID (DefaultAzureCredential)");
        EntraTokens tokens = new EntraTokens(new DefaultAzureCredentialBuilder().build(), azure.tokenScope(),
                azure.tokenRefreshMargin());
        return new ProviderUpstream("azure", uri, sockets,
                () -> tokens.token().map(token -> new UpstreamTarget(uri, Map.of("Authorization", "Bearer " + token))),
                new ClientSecretEndpoint(secrets, Uni.createFrom().deferred(tokens::token).map(token -> Map.of("Authorization", "Bearer " + token)),
                        deployment));
    }

    private static URI checkedWebSocketUri(String value, String name) {
        try {
            URI uri = URI.create(value);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("scheme");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be a ws:// or wss:// URL with a host");
        }
    }
}
