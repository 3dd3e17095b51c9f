package io.realtimestore.console.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void theGatewayGetsItsRealtimePathTheKeyAsXApiKeyAndTheStoreSubprotocol() {
        Endpoint endpoint = Endpoints.gateway("ws://localhost:8082", "k3y", null);
        assertThat(endpoint.uri()).hasToString("ws://localhost:8082/v1/realtime");
        assertThat(endpoint.headers()).isEqualTo(Map.of("X-Api-Key", "k3y"));
        assertThat(endpoint.subprotocols()).isEqualTo(List.of("realtime-store.v1"));
        assertThat(endpoint.direct()).isFalse();

        assertThat(Endpoints.gateway("https://shop.example.com/", null, "tok").uri()).hasToString("wss://shop.example.com/v1/realtime");
        assertThat(Endpoints.gateway("https://shop.example.com/", null, "tok").headers()).isEqualTo(Map.of("Authorization", "Bearer tok"));
        assertThat(Endpoints.gateway("wss://gw.example.com/voice/v1/realtime?model=x", "k", null).uri())
                .hasToString("wss://gw.example.com/voice/v1/realtime?model=x");
    }

    @Test
    void azureUsesTheGaPathTheDeploymentAsModelAndTheKeyOrAnEntraToken() {
        Endpoint keyed = Endpoints.azure("https://my-res.openai.azure.com/", "gpt-realtime", "azkey", null);
        assertThat(keyed.uri()).hasToString("wss://my-res.openai.azure.com/openai/v1/realtime?model=gpt-realtime");
        assertThat(keyed.headers()).isEqualTo(Map.of("api-key", "azkey"));
        assertThat(keyed.subprotocols()).isEmpty();
        assertThat(keyed.direct()).isTrue();

        Endpoint entra = Endpoints.azure("https://my-res.openai.azure.com", "my deployment", null, "eyJ");
        assertThat(entra.uri()).hasToString("wss://my-res.openai.azure.com/openai/v1/realtime?model=my+deployment");
        assertThat(entra.headers()).isEqualTo(Map.of("Authorization", "Bearer eyJ"));
    }

    @Test
    void openAiAppendsRealtimeToTheBaseUrl() {
        Endpoint endpoint = Endpoints.openAi("https://api.openai.com/v1", "gpt-realtime", "sk-1");
        assertThat(endpoint.uri()).hasToString("wss://api.openai.com/v1/realtime?model=gpt-realtime");
        assertThat(endpoint.headers()).isEqualTo(Map.of("Authorization", "Bearer sk-1"));
    }

    @Test
    void badUrlsAreExplained() {
        assertThatThrownBy(() -> Endpoints.gateway("localhost:8082", "k", null)).hasMessageContaining("must start with ws://");
        assertThatThrownBy(() -> Endpoints.gateway("ws:///v1/realtime", "k", null)).hasMessageContaining("no host");
        assertThatThrownBy(() -> Endpoints.azure("https://bad host", "d", "k", null)).hasMessageContaining("not a valid URL");
    }

    @Test
    void secretsStayOutOfTheEndpointsDescription() {
        assertThat(Endpoints.gateway("ws://localhost:8082", "s3cret", null).toString()).doesNotContain("s3cret");
    }
}
