package io.realtimestore.products.search;

import static io.realtimestore.products.support.Api.awaitReady;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_EMBEDDING_DEPLOYMENT set, products and queries are embedded by
 * Azure OpenAI (here a faithful fake of its embeddings endpoint), authenticated with the api-key header.
 */
@QuarkusTest
@WithTestResource(FakeAzureOpenAiEmbeddings.class)
class AzureEmbeddingsTest {

    @Inject
    EmbeddingService embeddings;

    @Test
    void catalogAndQueriesAreEmbeddedByTheAzureDeployment() {
        awaitReady();
        assertThat(embeddings.modelId()).isEqualTo("azure:" + FakeAzureOpenAiEmbeddings.DEPLOYMENT);
        assertThat(FakeAzureOpenAiEmbeddings.SEEN_PATHS)
                .isNotEmpty()
                .allMatch(path -> path.equals("/openai/deployments/" + FakeAzureOpenAiEmbeddings.DEPLOYMENT + "/embeddings"));
        assertThat(FakeAzureOpenAiEmbeddings.SEEN_KEYS).containsOnly(FakeAzureOpenAiEmbeddings.API_KEY);

        int callsBefore = FakeAzureOpenAiEmbeddings.SEEN_PATHS.size();
        String name = given().get("/api/products/1").jsonPath().getString("name");
        List<String> names = given().queryParam("q", name).queryParam("mode", "semantic").get("/api/products/search")
                .then().statusCode(200).extract().jsonPath().getList("hits.product.name");
        assertThat(names.subList(0, 3)).contains(name);
        assertThat(FakeAzureOpenAiEmbeddings.SEEN_PATHS).hasSizeGreaterThan(callsBefore);
    }
}
