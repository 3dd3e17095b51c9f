package io.realtimestore.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.gateway.support.RealtimeClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway (target/quarkus-app, started as its own process the way start-local.sh starts it) relays a
 * session to an echo upstream: what a user runs, not the test build.
 */
class PackagedGatewayIT {

    private static final String KEY = "it-gateway-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static Process gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer echo = vertx.createHttpServer().webSocketHandler(socket -> {
            socket.writeTextMessage("{\"type\":\"session.created\",\"event_id\":\"e0\",\"session\":{\"type\":\"realtime\","
                    + "\"object\":\"realtime.session\",\"id\":\"sess_echo\",\"model\":\"echo\"}}");
            socket.textMessageHandler(text -> {
                if (text.startsWith("{\"type\":\"session.update\"")) {
                    // echo the gateway's session back, as a Realtime service confirms what it applied
                    socket.writeTextMessage(text.replaceFirst("\"session.update\"", "\"session.updated\",\"event_id\":\"e2\"")
                            .replaceFirst("\"session\":\\{\"type\":\"realtime\"",
                                    "\"session\":{\"type\":\"realtime\",\"object\":\"realtime.session\",\"id\":\"sess_echo\""));
                }
                if (text.startsWith("{\"type\":\"input_audio_buffer.append\",\"audio\":\"")) {
                    String audio = text.substring(45, text.length() - 2);
                    socket.writeTextMessage("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e1\",\"response_id\":\"r1\","
                            + "\"item_id\":\"i1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + audio + "\"}");
                }
            });
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = freePort();
        Path app = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"), "quarkus-run.jar");
        Path data = Files.createTempDirectory("gateway-it");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseParallelGC", "-jar", app.toString());
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), "GATEWAY_API_KEY", KEY,
                "GATEWAY_DATA_DIR", data.toString(), "REALTIME_UPSTREAM", "url",
                "REALTIME_UPSTREAM_URL", "ws://127.0.0.1:" + echo.actualPort() + "/v1/realtime"));
        gateway = builder.redirectErrorStream(true).redirectOutput(data.resolve("gateway.log").toFile()).start();
        Awaitility.await("gateway ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> get("/q/health/ready").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("gateway stops on SIGTERM").isTrue();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTokenSessionRelaysAudioBothWaysAndIsCounted() throws Exception {
        HttpResponse<String> minted = HTTP.send(HttpRequest.newBuilder(uri("/api/realtime/sessions"))
                .header("X-Api-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"it\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(minted.statusCode()).isEqualTo(201);
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(minted.body()).path("token").asText();

        String audio = Base64.getEncoder().encodeToString(new byte[960]);
        try (RealtimeClient client = RealtimeClient.connect(port, "/v1/realtime?token=" + token, Map.of(), List.of())) {
            client.await("session.created");
            JsonNode policy = client.await("session.updated").path("session");
            assertThat(policy.path("instructions").asText()).contains("Realtime Store");
            assertThat(policy.path("tools")).hasSize(5);
            client.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + audio + "\"}");
            JsonNode delta = client.await("response.output_audio.delta");
            assertThat(delta.path("delta").asText()).isEqualTo(audio);
            client.assertSchemaValid();
        }
        assertThat(get("/q/metrics").body()).contains("realtime_frames_total{direction=\"client_to_upstream\"");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
