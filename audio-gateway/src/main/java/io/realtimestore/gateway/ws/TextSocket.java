package io.realtimestore.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;

/**
 * Writes text messages to a Vert.x WebSocket at the Netty level, from UTF-8 bytes: a relayed audio frame goes out
 * as the bytes it came in as, where Vert.x's {@code writeTextMessage} would take a String and encode it again.
 * Frames are written from the pipeline position Vert.x writes from, so compression, if negotiated, still applies.
 * All of a session's data writes go through here, so they leave in the order they were written on the event loop.
 * Close and ping frames stay with Vert.x.
 */
public final class TextSocket {

    private final WebSocketBase socket;
    private final ChannelHandlerContext vertxHandler;

    /**
     * @param connection the socket's connection: for a server socket the upgraded request's (Vert.x Web wraps the
     *                   socket itself), for a client socket {@link #connectionOf}
     */
    public TextSocket(WebSocketBase socket, HttpConnection connection) {
        this.socket = socket;
        this.vertxHandler = vertxHandler(connection);
    }

    /** The connection of a connected client WebSocket. */
    public static HttpConnection connectionOf(WebSocket connected) {
        if (connected instanceof WebSocketInternal internal) {
            return internal.connection();
        }
        throw new IllegalStateException("not a connected Vert.x 4 WebSocket: " + connected.getClass().getName());
    }

    /** Vert.x's handler in the connection's Netty pipeline: where it reads frames from and writes them from. */
    static ChannelHandlerContext vertxHandler(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return base.channelHandlerContext();
        }
        // Vert.x 4's HTTP/1.1 connections all are; another Vert.x fails the gateway's tests here, not silently
        throw new IllegalStateException("not a Vert.x 4 HTTP/1.1 connection: " + connection.getClass().getName());
    }

    /** Writes one text message and takes the buffer; {@code written} runs once it is written or has failed. */
    public void write(ByteBuf utf8, Runnable written) {
        if (socket.isClosed()) { // no data after a close frame
            utf8.release();
            written.run();
            return;
        }
        vertxHandler.writeAndFlush(new TextWebSocketFrame(true, 0, utf8)).addListener((ChannelFuture done) -> {
            written.run();
            if (!done.isSuccess() && done.channel().isActive()) {
                failed(done);
            }
        });
    }

    /**
     * A frame that could not be written to a connection that is still open: the peer would go on without an event it
     * was sent, so the connection is closed rather than left inconsistent, and the cause is logged (a peer that left
     * is not news: the channel is then inactive and nothing is said).
     */
    private void failed(ChannelFuture write) {
        Log.warnf(write.cause(), "A WebSocket message to %s could not be written; closing the connection",
                write.channel().remoteAddress());
        socket.close((short) 1011, "the gateway could not send a message");
    }

    public void write(String text, Runnable written) {
        write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), written);
    }

    public boolean isClosed() {
        return socket.isClosed();
    }
}
