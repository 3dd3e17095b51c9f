package io.realtimestore.products.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realtimestore.testsupport.SelfSignedHttpsServer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Azure OpenAI's embeddings endpoint ({@code POST /openai/deployments/{deployment}/embeddings}),
 * which cannot be reached from here. It answers in the service's wire format with deterministic vectors — word
 * hashes folded into 256 dimensions — so texts that share words are similar, as with a real model. Azure's client
 * refuses to send an API key over plain HTTP, so the fake serves HTTPS through {@link SelfSignedHttpsServer},
 * whose throw-away self-signed certificate the test JVM is told to trust.
 */
public class FakeAzureOpenAiEmbeddings implements QuarkusTestResourceLifecycleManager {

    static final String DEPLOYMENT = "catalog-embeddings";
    static final String API_KEY = "fake-azure-key-0123456789";
    static final int DIMENSIONS = 256;
    static final List<String> SEEN_PATHS = new CopyOnWriteArrayList<>();
    static final List<String> SEEN_KEYS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private SelfSignedHttpsServer server;

    @Override
    public Map<String, String> start() {
        server = SelfSignedHttpsServer.start(this::handle);
        return Map.of(
                "search.embedding.azure-endpoint", server.url(),
                "search.embedding.azure-deployment", DEPLOYMENT,
                "search.embedding.azure-api-key", API_KEY,
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:azure;MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
    }

    private void handle(HttpExchange exchange) throws IOException {
        SEEN_PATHS.add(exchange.getRequestURI().getPath());
        SEEN_KEYS.add(String.valueOf(exchange.getRequestHeaders().getFirst("api-key")));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        ObjectNode response = JSON.createObjectNode().put("object", "list").put("model", "text-embedding-3-small");
        ArrayNode data = response.putArray("data");
        JsonNode inputs = request.path("input");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i).asText();
            tokens += text.split("\\s+").length;
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (float v : hashedWords(text)) {
                vector.add(v);
            }
        }
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        byte[] body = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static float[] hashedWords(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        return vector;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
