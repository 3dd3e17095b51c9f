package io.realtimestore.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The providers' GA routes: the Realtime WebSocket (Azure's under {@code /fake-azure}, OpenAI's under
 * {@code /fake-openai/openai/v1}), playing the same scripts as {@link FakeUpstream}, and Azure's {@code client_secrets},
 * which answers like Azure and records requests.
 */
public final class FakeAzureOpenAi {

    public static final List<Map<String, Object>> SECRET_REQUESTS = new CopyOnWriteArrayList<>();

    private FakeAzureOpenAi() {
    }

    /**
     * The GA route of both providers: Azure's {@code {endpoint}/openai/v1/realtime?model=} under {@code /fake-azure},
     * and OpenAI's {@code {base}/realtime?model=} with the base URL {@code /fake-openai/openai/v1}.
     */
    @WebSocket(path = "/{provider}/openai/v1/realtime")
    public static class RealtimeRoute {
        private final Vertx vertx;

        RealtimeRoute(Vertx vertx) {
            this.vertx = vertx;
        }

        @OnOpen
        @NonBlocking
        void open(WebSocketConnection connection) {
            FakeUpstream.accept(connection, vertx);
        }

        @OnTextMessage
        @NonBlocking
        void message(WebSocketConnection connection, String text) throws Exception {
            FakeUpstream.handle(connection, text);
        }

        @OnClose
        void close(WebSocketConnection connection) {
            FakeUpstream.forget(connection);
        }
    }

    @Path("/fake-azure/openai/v1/realtime/client_secrets")
    public static class ClientSecretsRoute {
        @POST
        public Response mint(@HeaderParam("api-key") String apiKey, @HeaderParam("Authorization") String authorization,
                JsonNode body) {
            SECRET_REQUESTS.add(Map.of("api-key", String.valueOf(apiKey), "authorization", String.valueOf(authorization),
                    "body", body));
            return Response.ok(Map.of("value", "ek_fake_ephemeral", "expires_at", System.currentTimeMillis() / 1000 + 60,
                    "session", body.path("session"))).build();
        }
    }
}
