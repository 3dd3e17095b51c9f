package io.realtimestore.products.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Search settings: query limits, rank fusion, the embedding model and index synchronisation. */
@ConfigMapping(prefix = "search")
public interface SearchConfig {

    @WithDefault("200")
    int maxQueryLength();

    @WithDefault("10")
    int defaultLimit();

    @WithDefault("50")
    int maxLimit();

    /** How many hits each ranking contributes to hybrid fusion. */
    @WithDefault("60")
    int fusionCandidates();

    /** The k of reciprocal rank fusion: larger flattens the advantage of the top ranks. */
    @WithDefault("60")
    int rrfK();

    Embedding embedding();

    Sync sync();

    interface Embedding {
        /** The in-process model used when Azure OpenAI embeddings are not configured. */
        @WithDefault("all-minilm-l6-v2-q")
        LocalModel localModel();

        /** {@code AZURE_OPENAI_ENDPOINT}; with {@code deployment} set, embeddings come from Azure OpenAI. */
        Optional<String> azureEndpoint();

        /** {@code AZURE_OPENAI_EMBEDDING_DEPLOYMENT}. */
        Optional<String> azureDeployment();

        /** {@code AZURE_OPENAI_API_KEY}; absent means Entra ID (managed identity, az login, environment). */
        Optional<String> azureApiKey();

        /**
         * How many tokens of a product's passage the in-process model reads. Name, category, brand and tags come
         * first; the rest of the budget goes to the description. Encoding cost grows with it (see RELEVANCE.md).
         */
        @WithDefault("48")
        int maxTokens();

        /** Texts per call to the model while importing or re-embedding (sorted by length inside a call). */
        @WithDefault("256")
        int batchSize();
    }

    interface Sync {
        /** How often a replica reads the change log to pick up writes made through other replicas. */
        @WithDefault("1s")
        Duration interval();

        /** How long a gap in the change log may stay open (an uncommitted write) before it is treated as rolled back. */
        @WithDefault("60s")
        Duration gapGrace();

        /** Change-log rows older than this are deleted. */
        @WithDefault("P1D")
        Duration retention();
    }

    enum LocalModel {
        ALL_MINILM_L6_V2, ALL_MINILM_L6_V2_Q, BGE_SMALL_EN_V15
    }
}
