package io.realtimestore.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.realtimestore.gateway.support.VertxWebSockets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's Netty-level shortcut on real Vert.x WebSockets: taken messages and the ones Vert.x decodes arrive in the
 * order they were sent, also while Vert.x holds messages back; bytes written by {@link TextSocket} arrive as text.
 */
class TextFrameTapTest {

    private Vertx vertx;
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void takenAndDecodedMessagesArriveInSendingOrder() throws Exception {
        WebSocket client = connect(this::tap);
        client.writeTextMessage("a");
        client.writeTextMessage("take:1");
        client.writeFrame(WebSocketFrame.textFrame("frag", false));
        client.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("ment"), true));
        client.writeTextMessage("take:2");
        client.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
        client.writeTextMessage("take:3");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 6);
        assertThat(received).containsExactly("text a", "taken take:1", "text fragment", "taken take:2", "binary 3",
                "taken take:3");
    }

    @Test
    void nothingIsTakenAheadOfMessagesVertxHoldsBack() throws Exception {
        WebSocket client = connect((socket, connection) -> {
            socket.pause();
            tap(socket, connection);
            vertx.setTimer(300, ignored -> socket.resume());
        });
        client.writeTextMessage("a");
        client.writeTextMessage("take:1");
        client.writeTextMessage("b");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        client.writeTextMessage("take:2");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        assertThat(received).as("take:1 came while Vert.x held 'a': it waits its turn, through Vert.x")
                .containsExactly("text a", "text take:1", "text b", "taken take:2");
    }

    @Test
    void bytesWrittenAtTheNettyLevelArriveAsTextMessagesInOrder() throws Exception {
        WebSocket client = connect((socket, connection) -> {
            TextSocket out = new TextSocket(socket, connection);
            new TextFrameTap(utf8 -> {
                out.write(utf8, () -> { }); // relayed as it came
                return true;
            }, text -> out.write(text, () -> { }), binary -> { }).handlersOn(socket).insertInto(connection);
        });
        List<String> echoed = new CopyOnWriteArrayList<>();
        client.textMessageHandler(echoed::add);
        client.writeTextMessage("{\"n\":1}");
        client.writeFrame(WebSocketFrame.textFrame("{\"n\":", false));
        client.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"é\"}"), true));
        client.writeTextMessage("{\"n\":3}");
        await().atMost(Duration.ofSeconds(10)).until(() -> echoed.size() == 3);
        assertThat(echoed).containsExactly("{\"n\":1}", "{\"n\":\"é\"}", "{\"n\":3}");
    }

    /**
     * The local upstream opens at once, so the gateway's first events leave in the same task as the upgrade's 101 and
     * often reach the client in the same read. A client with its handlers set before connecting gets them every time.
     */
    @Test
    void aMessageWrittenInTheUpgradeTaskArrivesEveryTime() throws Exception {
        int port = listen((socket, connection) -> {
            TextSocket out = new TextSocket(socket, connection);
            out.write("{\"n\":1}", () -> { });
            out.write("{\"n\":2}", () -> { });
        });
        for (int attempt = 0; attempt < 200; attempt++) {
            List<String> messages = new CopyOnWriteArrayList<>();
            ClientWebSocket client = vertx.createWebSocketClient().webSocket();
            client.textMessageHandler(messages::add);
            connectPrepared(client, port);
            int connection = attempt;
            await("both messages on connection " + connection).atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2)).until(() -> messages.size() == 2);
            assertThat(messages).containsExactly("{\"n\":1}", "{\"n\":2}");
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageThatCannotBeWrittenClosesTheConnectionInsteadOfVanishing() throws Exception {
        int port = listen((socket, connection) -> {
            ByteBuf released = Unpooled.copiedBuffer("{\"n\":1}", StandardCharsets.UTF_8);
            released.release(); // the encoder cannot read it: the write fails
            new TextSocket(socket, connection).write(released, () -> { });
        });
        List<Short> closed = new CopyOnWriteArrayList<>();
        ClientWebSocket client = vertx.createWebSocketClient().webSocket();
        client.closeHandler(ignored -> closed.add(client.closeStatusCode())); // the close may come with the 101
        connectPrepared(client, port);
        await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
        assertThat(closed).containsExactly((short) 1011);
    }

    private void tap(ServerWebSocket socket, HttpConnection connection) {
        new TextFrameTap(this::takeMarked, text -> received.add("text " + text),
                binary -> received.add("binary " + binary.length())).handlersOn(socket).insertInto(connection);
    }

    private boolean takeMarked(ByteBuf utf8) {
        String text = utf8.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("take:")) {
            return false;
        }
        utf8.release();
        received.add("taken " + text);
        return true;
    }

    /** The server side upgrades as the gateway's endpoint does: from the request, whose connection it keeps. */
    private int listen(BiConsumer<ServerWebSocket, HttpConnection> onServer) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.toWebSocket()
                .onSuccess(socket -> onServer.accept(socket, request.connection())));
        return server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private WebSocket connect(BiConsumer<ServerWebSocket, HttpConnection> onServer) throws Exception {
        return vertx.createWebSocketClient().connect(listen(onServer), "localhost", "/").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Connects a client whose handlers are already set, so that nothing the server sends at once is missed. */
    private void connectPrepared(ClientWebSocket client, int port) throws Exception {
        VertxWebSockets.connect(vertx, client, new WebSocketConnectOptions().setPort(port).setHost("localhost").setURI("/"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
