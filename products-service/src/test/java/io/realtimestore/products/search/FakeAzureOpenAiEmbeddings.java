package io.realtimestore.products.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Stands in for Azure OpenAI's embeddings endpoint ({@code POST /openai/deployments/{deployment}/embeddings}),
 * which cannot be reached from here. It answers in the service's wire format with deterministic vectors — word
 * hashes folded into 256 dimensions — so texts that share words are similar, as with a real model. Azure's client
 * refuses to send an API key over plain HTTP, so the fake serves HTTPS with a throw-away self-signed certificate
 * that the test JVM is told to trust.
 */
public class FakeAzureOpenAiEmbeddings implements QuarkusTestResourceLifecycleManager {

    static final String DEPLOYMENT = "catalog-embeddings";
    static final String API_KEY = "fake-azure-key-0123456789";
    static final int DIMENSIONS = 256;
    static final List<String> SEEN_PATHS = new CopyOnWriteArrayList<>();
    static final List<String> SEEN_KEYS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpsServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("fake-azure");
            Path keystore = dir.resolve("fake-azure.p12");
            String password = "changeit";
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "fake", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
                    .redirectErrorStream(true).start();
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", this::handle);
            server.start();
            // The client side of this JVM trusts exactly this certificate.
            System.setProperty("javax.net.ssl.trustStore", keystore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", password);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            return Map.of(
                    "search.embedding.azure-endpoint", "https://localhost:" + server.getAddress().getPort(),
                    "search.embedding.azure-deployment", DEPLOYMENT,
                    "search.embedding.azure-api-key", API_KEY,
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:azure;MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake Azure OpenAI endpoint", e);
        }
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
            server.stop(0);
        }
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }
}
