package io.realtimestore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Which Realtime service the gateway talks to, and how. Environment names follow DESIGN.md §5/§6. */
@ConfigMapping(prefix = "realtime")
public interface UpstreamConfig {

    /** {@code REALTIME_UPSTREAM}: local, azure, openai or url. */
    @WithDefault("local")
    Kind upstream();

    /** {@code REALTIME_UPSTREAM_URL}: any GA-compatible WebSocket URL (used when upstream=url). */
    Optional<String> upstreamUrl();

    @WithDefault("10s")
    Duration connectTimeout();

    Azure azure();

    OpenAi openai();

    Local local();

    enum Kind {
        LOCAL, AZURE, OPENAI, URL;
    }

    interface Azure {
        /** {@code AZURE_OPENAI_ENDPOINT}, e.g. https://my-resource.openai.azure.com */
        Optional<String> endpoint();

        /** {@code AZURE_OPENAI_API_KEY}; absent → Entra ID (managed identity, workload identity, az login…). */
        Optional<String> apiKey();

        /** {@code AZURE_OPENAI_REALTIME_DEPLOYMENT}, e.g. gpt-realtime */
        Optional<String> realtimeDeployment();

        /** Entra ID scope for Azure OpenAI. */
        @WithDefault("https://cognitiveservices.azure.com/.default")
        String tokenScope();

        /** Tokens are renewed this long before they expire. */
        @WithDefault("5m")
        Duration tokenRefreshMargin();
    }

    interface OpenAi {
        /** {@code OPENAI_API_KEY} */
        Optional<String> apiKey();

        /** {@code OPENAI_REALTIME_MODEL} */
        @WithDefault("gpt-realtime")
        String realtimeModel();

        @WithDefault("https://api.openai.com/v1")
        String baseUrl();
    }

    /** The offline engine (REALTIME_UPSTREAM=local). */
    interface Local {
        /** {@code REALTIME_LOCAL_RECOGNIZERS}: speech decoders (~100 MB native memory each); 0 = two per core, at least 4. */
        @WithDefault("0")
        int recognizers();

        /** {@code REALTIME_LOCAL_WORKERS}: threads for decoding and synthesis; 0 = one per core, at least 2. */
        @WithDefault("0")
        int workers();

        /** How often the catalog's names are re-read for the assistant and the speech language model. */
        @WithDefault("10m")
        Duration catalogRefresh();
    }
}
