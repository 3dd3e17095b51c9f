package io.realtimestore.products.search;

import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.langchain4j.model.azure.AzureOpenAiEmbeddingModel;
import io.quarkus.logging.Log;
import io.realtimestore.products.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Chooses the embedding model: Azure OpenAI when {@code AZURE_OPENAI_EMBEDDING_DEPLOYMENT} is set (with
 * {@code AZURE_OPENAI_ENDPOINT}; API key, or Entra ID when no key is given), otherwise an in-process ONNX model shipped
 * inside its Maven jar, so the default needs no network. The endpoint alone is the gateway's business (voice, chat).
 */
@ApplicationScoped
public class EmbeddingModelProducer {

    /** bge-small expects this instruction before queries (not before passages). */
    static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    @Produces
    @Singleton
    EmbeddingService embeddingService(SearchConfig config) {
        SearchConfig.Embedding embedding = config.embedding();
        if (embedding.azureDeployment().isPresent() && embedding.azureEndpoint().isEmpty()) {
            throw new IllegalStateException("AZURE_OPENAI_EMBEDDING_DEPLOYMENT is set but AZURE_OPENAI_ENDPOINT is not: "
                    + "set the endpoint (https://<resource>.openai.azure.com), or unset the deployment for the in-process model.");
        }
        if (embedding.azureDeployment().isPresent()) {
            return azure(embedding);
        }
        if (embedding.azureEndpoint().isPresent()) {
            // The endpoint is shared with the gateway (voice and chat); without an embedding deployment the catalog
            // keeps its in-process model.
            Log.info("AZURE_OPENAI_ENDPOINT is set without AZURE_OPENAI_EMBEDDING_DEPLOYMENT: search keeps the in-process "
                    + "embedding model (set the deployment to embed with Azure OpenAI)");
        }
        return switch (embedding.localModel()) {
            case ALL_MINILM_L6_V2 -> local("all-minilm-l6-v2", OnnxEmbeddingModel.Pooling.MEAN, "", embedding);
            case ALL_MINILM_L6_V2_Q -> local("all-minilm-l6-v2-q", OnnxEmbeddingModel.Pooling.MEAN, "", embedding);
            case BGE_SMALL_EN_V15 -> local("bge-small-en-v1.5-q", OnnxEmbeddingModel.Pooling.CLS, BGE_QUERY_PREFIX, embedding);
        };
    }

    /** The model files ship inside LangChain4j's langchain4j-embeddings-* jars, so nothing is downloaded. */
    private static EmbeddingService local(String name, OnnxEmbeddingModel.Pooling pooling, String queryPrefix,
            SearchConfig.Embedding cfg) {
        // The token budget is part of the id: vectors made with another budget are recomputed.
        String id = "onnx:" + name + ":" + cfg.maxTokens();
        Log.infof("Embeddings: in-process model %s (passages up to %d tokens)", name, cfg.maxTokens());
        return new EmbeddingService(new OnnxEmbeddingModel(name + ".onnx", name + "-tokenizer.json", pooling, cfg.maxTokens()),
                id, queryPrefix, cfg.batchSize());
    }

    private static EmbeddingService azure(SearchConfig.Embedding cfg) {
        String deployment = cfg.azureDeployment().orElseThrow();
        var builder = AzureOpenAiEmbeddingModel.builder()
                .endpoint(cfg.azureEndpoint().orElseThrow())
                .deploymentName(deployment)
                .timeout(Duration.ofSeconds(20))
                .maxRetries(2);
        if (cfg.azureApiKey().isPresent()) {
            builder.apiKey(cfg.azureApiKey().get());
            Log.infof("Embeddings: Azure OpenAI deployment %s (API key)", deployment);
        } else {
            builder.tokenCredential(new DefaultAzureCredentialBuilder().build());
            Log.infof("Embeddings: Azure OpenAI deployment %s (Entra ID)", deployment);
        }
        return new EmbeddingService(builder.build(), "azure:" + deployment, "", cfg.batchSize());
    }
}
