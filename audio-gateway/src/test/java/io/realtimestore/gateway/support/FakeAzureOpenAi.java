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
 * which answers like Azure and records requests, and Azure's WebRTC {@code calls}, which answers an SDP offer made with
 * one of its client secrets the way Azure does (201, an SDP answer, the call in {@code Location}).
 */
public final class FakeAzureOpenAi {

    public static final List<Map<String, Object>> SECRET_REQUESTS = new CopyOnWriteArrayList<>();
    /** SDP offers received by the calls route, with the Authorization they came with. */
    public static final List<Map<String, String>> CALL_REQUESTS = new CopyOnWriteArrayList<>();
    private static final java.util.concurrent.atomic.AtomicInteger CALL_IDS = new java.util.concurrent.atomic.AtomicInteger();

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

    @Path("/fake-azure/openai/v1/realtime/calls")
    public static class CallsRoute {
        @POST
        @jakarta.ws.rs.Consumes("application/sdp")
        public Response call(@HeaderParam("Authorization") String authorization, String offer) {
            CALL_REQUESTS.add(Map.of("authorization", String.valueOf(authorization), "offer", offer));
            if (!"Bearer ek_fake_ephemeral".equals(authorization)) {
                return Response.status(401).build();
            }
            String callId = "rtc_fake" + CALL_IDS.incrementAndGet();
            String answer = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                    + "a=group:BUNDLE 0 1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                    + "a=sendrecv\r\na=rtpmap:111 opus/48000/2\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                    + "c=IN IP4 0.0.0.0\r\na=mid:1\r\na=sctp-port:5000\r\n";
            return Response.status(201).type("application/sdp").entity(answer)
                    .header("Location", "/openai/v1/realtime/calls/" + callId).build();
        }
    }
}
