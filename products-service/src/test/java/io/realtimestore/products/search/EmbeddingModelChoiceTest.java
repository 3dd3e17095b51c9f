package io.realtimestore.products.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.realtimestore.products.config.SearchConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AZURE_OPENAI_ENDPOINT is shared with the gateway (voice and chat): on its own it must not stop products-service,
 * which then keeps its in-process model; an embedding deployment without an endpoint is a mistake and says so.
 */
class EmbeddingModelChoiceTest {

    @Test
    void theEndpointAloneKeepsTheInProcessModel() {
        EmbeddingService service = new EmbeddingModelProducer().embeddingService(
                config(Map.of("search.embedding.azure-endpoint", "https://my-resource.openai.azure.com")));

        assertThat(service.modelId()).startsWith("onnx:");
    }

    @Test
    void aDeploymentWithoutAnEndpointNamesTheMissingVariable() {
        assertThatThrownBy(() -> new EmbeddingModelProducer().embeddingService(
                config(Map.of("search.embedding.azure-deployment", "text-embedding-3-small"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AZURE_OPENAI_ENDPOINT is not");
    }

    private static SearchConfig config(Map<String, String> settings) {
        // Quarkus' duration syntax needs its converter outside a Quarkus application
        return new SmallRyeConfigBuilder().withMapping(SearchConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()).withDefaultValues(settings).build()
                .getConfigMapping(SearchConfig.class);
    }
}
