package io.realtimestore.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketBase;
import java.util.function.Predicate;

/**
 * Receives a Vert.x WebSocket's messages with a shortcut for the audio hot path. A Netty handler in front of Vert.x's
 * offers each single-frame text message, as its UTF-8 bytes, to a predicate that may take it (an audio frame, relayed
 * without ever becoming a String). Everything it declines goes through Vert.x as usual (copied to the heap,
 * aggregated, decoded) and arrives at the text or binary handler.
 * <p>
 * Order is kept: a message is taken only when Vert.x has handed on every message passed to it before, so a taken
 * frame never overtakes one that Vert.x still holds (while paused, or around the upgrade). If Vert.x ever holds on to
 * one for good (it drops an oversized message), the shortcut stays off for that socket: slower, never out of order.
 */
public final class TextFrameTap extends ChannelInboundHandlerAdapter {

    private static final String NAME = "realtime-text-tap";

    private final Predicate<ByteBuf> take;
    private final Handler<String> text;
    private final Handler<Buffer> binary;
    /** Complete data messages passed on to Vert.x, and those Vert.x handed to the handlers; on the event loop. */
    private long passed;
    private long delivered;

    /**
     * @param take   offered each single-frame text message; returns true when it took it, and then owns the buffer
     *               (writes it on or releases it); must leave it alone when returning false
     * @param text   every other text message, decoded by Vert.x
     * @param binary binary messages
     */
    public TextFrameTap(Predicate<ByteBuf> take, Handler<String> text, Handler<Buffer> binary) {
        this.take = take;
        this.text = text;
        this.binary = binary;
    }

    /** Sets the socket's message handlers; may be called before a client socket connects. */
    public TextFrameTap handlersOn(WebSocketBase socket) {
        socket.textMessageHandler(message -> {
            delivered++;
            text.handle(message);
        });
        socket.binaryMessageHandler(message -> {
            delivered++;
            binary.handle(message);
        });
        return this;
    }

    /**
     * Puts the tap in front of Vert.x's handler of the socket's connection (see {@link TextSocket}), and lets the
     * WebSocket codec take frame buffers from the pool. Vert.x's allocator for a channel hands out unpooled heap
     * buffers, safe to give to application code; the codec allocates every frame's payload (and every masked frame
     * sent upstream) with it, 1.3 KB of garbage per audio frame. The frames taken here go back to Netty, which
     * releases them, and Vert.x copies the pooled buffers of the frames it handles to the heap itself. Measured at
     * 500 sessions: a young collection every ~6.5 s instead of every ~1.3 s.
     */
    public void insertInto(HttpConnection connection) {
        ChannelHandlerContext vertx = TextSocket.vertxHandler(connection);
        vertx.pipeline().addBefore(vertx.name(), NAME, this);
        vertx.channel().config().setAllocator(VertxByteBufAllocator.POOLED_ALLOCATOR);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof TextWebSocketFrame frame && frame.isFinalFragment() && passed == delivered
                && take.test(frame.content())) {
            return;
        }
        if (endsDataMessage(message)) {
            passed++;
        }
        ctx.fireChannelRead(message);
    }

    private static boolean endsDataMessage(Object message) {
        return (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
                || message instanceof ContinuationWebSocketFrame) && ((WebSocketFrame) message).isFinalFragment();
    }
}
