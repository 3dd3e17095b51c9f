package io.realtimestore.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.realtimestore.gateway.protocol.EventScanner;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.tools.ProductTools;
import io.realtimestore.gateway.tools.ToolCall;
import io.realtimestore.gateway.upstream.UpstreamConnection;
import io.realtimestore.gateway.upstream.UpstreamListener;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway's side of a WebRTC call that a browser holds with the provider directly: the browser's audio and events
 * never pass through the gateway, so the gateway attaches to the call as a sideband ({@code ?call_id=}) to do what it
 * does for relayed sessions — run the product tools the model calls (the same {@link ToolTurn}), and put the server's
 * instructions and tools back if a client's session.update replaced them.
 */
final class SidebandSession implements ToolHost, UpstreamListener {

    private final String callId;
    private final SessionServices services;
    private final ToolTurn tools;
    private final Runnable onClosed;
    private final Span span;
    private volatile UpstreamConnection upstream;
    private volatile long durationTimer = -1;
    private volatile boolean closed;

    SidebandSession(String callId, SessionServices services, Runnable onClosed) {
        this.callId = callId;
        this.services = services;
        this.onClosed = onClosed;
        this.tools = new ToolTurn(this, services);
        this.span = services.tracer.spanBuilder("realtime.sideband").setAttribute("realtime.call_id", callId).startSpan();
    }

    /** The sideband is open; {@code durationTimer} ends it at the maximum session duration unless the call ends first. */
    void connected(UpstreamConnection connection, long durationTimer) {
        this.upstream = connection;
        this.durationTimer = durationTimer;
    }

    @Override
    public String id() {
        return "sideband:" + callId;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void sendToUpstream(String text) {
        UpstreamConnection connection = upstream;
        if (connection != null && !closed) {
            connection.send(text, () -> { });
        }
    }

    /** Product cards reach a WebRTC browser as the function_call_output items on its data channel, not as store events. */
    @Override
    public void sendStoreEvent(Object event) {
    }

    @Override
    public void onText(String text) {
        try {
            String type = EventScanner.scanServer(text).type();
            switch (type) {
                case "response.done" -> {
                    List<ToolCall> calls = ToolCall.in(Events.parse(text).path("response"));
                    if (!calls.isEmpty()) {
                        tools.run(calls, span, () -> { });
                    }
                }
                case "session.updated" -> restorePolicyIfReplaced(Events.parse(text).path("session"));
                default -> {
                }
            }
        } catch (IOException unreadable) {
            Log.warnf("Sideband %s: unreadable event from the provider: %s", callId, unreadable.getMessage());
        }
    }

    /** A client on the call may change voice or turn detection; instructions and tools stay the gateway's. */
    private void restorePolicyIfReplaced(JsonNode session) {
        boolean instructionsKept = services.policy.instructions().equals(session.path("instructions").asText(null));
        Set<String> tools = new HashSet<>();
        session.path("tools").forEach(tool -> tools.add(tool.path("name").asText()));
        if (instructionsKept && tools.equals(Set.copyOf(ProductTools.NAMES))) {
            return;
        }
        Log.warnf("Sideband %s: the call's instructions or tools were changed by a client; restoring the gateway's", callId);
        ObjectNode policy = services.policy.initialSession();
        ObjectNode restore = Events.JSON.createObjectNode().put("type", "realtime");
        restore.set("instructions", policy.get("instructions"));
        restore.set("tools", policy.get("tools"));
        restore.set("tool_choice", policy.get("tool_choice"));
        sendToUpstream(Events.sessionUpdate(restore, null));
    }

    @Override
    public void onClosed(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (durationTimer >= 0) {
            services.vertx.cancelTimer(durationTimer);
        }
        span.end();
        Log.infof("Sideband %s: the call ended (%d %s)", callId, code, reason == null ? "" : reason);
        onClosed.run();
    }

    /** Detaches from the call (maximum duration, shutdown); the browser's call itself goes on until it ends. */
    void close(String reason) {
        UpstreamConnection connection = upstream;
        if (connection != null && connection.isOpen()) {
            connection.close(1000, reason).subscribe().with(done -> { }, failure -> { });
        }
        onClosed(1000, reason);
    }
}
