package io.realtimestore.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.realtimestore.dto.realtime.StoreEvents;
import io.realtimestore.gateway.protocol.AudioFrames;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.protocol.EventScanner;
import io.realtimestore.gateway.protocol.ServerFrame;
import io.realtimestore.gateway.tools.ToolCall;
import io.realtimestore.gateway.upstream.UpstreamListener;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Events from the upstream session: audio passes straight through (only its size is read); the events that drive
 * barge-in, tools, usage and latency are parsed; tool plumbing is hidden from clients that did not opt in.
 */
final class UpstreamEvents implements UpstreamListener {

    private static final Set<String> TOOL_ARGUMENT_EVENTS = Set.of("response.function_call_arguments.delta",
            "response.function_call_arguments.done");
    private static final Set<String> ITEM_EVENTS = Set.of("response.output_item.added", "response.output_item.done",
            "conversation.item.added", "conversation.item.done", "conversation.item.created", "conversation.item.retrieved");

    private final RealtimeSession session;
    private final ToolTurn tools;
    private final Set<String> toolItemIds = new HashSet<>();
    private String activeResponseId;
    private long speechStoppedNanos;
    private boolean firstAudioOfTurnSeen = true;
    private long cancelSentNanos;
    private boolean endAfterResponse;
    private final UsageTotals usage = new UsageTotals();
    /** One span per turn: from the end of the shopper's speech (or the response start) to the last response.done. */
    private Span turnSpan;

    UpstreamEvents(RealtimeSession session) {
        this.session = session;
        this.tools = new ToolTurn(session, session.services);
    }

    @Override
    public void onText(String text) {
        ServerFrame frame;
        try {
            frame = EventScanner.scanServer(text);
        } catch (IOException e) {
            Log.warnf("Session %s: dropped an unreadable upstream message (%s)", session.id(), e.getMessage());
            return;
        }
        session.services.metrics.upstreamFrame(text.length());
        try {
            if (frame.isAudioDelta()) {
                audioDelta(frame, () -> session.sendToClient(text));
                return;
            }
            handle(frame, text);
        } catch (IOException | RuntimeException e) {
            Log.errorf(e, "Session %s: failed to process upstream %s; forwarded as is", session.id(), frame.type());
            session.sendToClient(text);
        }
    }

    /** An audio delta as its UTF-8 bytes (the usual shape, see {@link AudioFrames}): relayed without decoding. */
    @Override
    public boolean take(ByteBuf utf8Event) {
        ServerFrame frame = AudioFrames.plainDelta(utf8Event);
        if (frame == null) {
            return false;
        }
        session.services.metrics.upstreamFrame(utf8Event.readableBytes());
        audioDelta(frame, () -> session.sendToClient(utf8Event));
        return true;
    }

    /** Counts the delta as delivered (for truncation), relays it, and times the turn's first audio. */
    private void audioDelta(ServerFrame frame, Runnable relay) {
        long now = System.nanoTime();
        boolean firstOfTurn;
        synchronized (session) {
            session.playback.delivered(frame.itemId(), frame.audioBytes(), now);
            firstOfTurn = !firstAudioOfTurnSeen && speechStoppedNanos != 0;
            firstAudioOfTurnSeen = true;
        }
        relay.run();
        if (firstOfTurn) {
            firstAudio(frame, Duration.ofNanos(now - speechStoppedNanos));
        }
    }

    private void firstAudio(ServerFrame frame, Duration latency) {
        session.services.metrics.speechToAudio(latency);
        synchronized (session) {
            if (turnSpan != null) {
                turnSpan.setAttribute("realtime.turn.speech_to_audio_ms", latency.toMillis());
                turnSpan.addEvent("first_audio");
            }
        }
        session.sendStoreEvent(new StoreEvents.TurnLatency(Events.newEventId(), frame.responseId(), latency.toMillis()));
    }

    private void handle(ServerFrame frame, String text) throws IOException {
        switch (frame.type()) {
            case "input_audio_buffer.speech_started" -> {
                session.sendToClient(text);
                bargeIn();
            }
            case "input_audio_buffer.speech_stopped" -> {
                synchronized (session) {
                    speechStoppedNanos = System.nanoTime();
                    firstAudioOfTurnSeen = false;
                    startTurn("speech");
                }
                session.sendToClient(text);
            }
            case "response.created" -> {
                JsonNode event = Events.parse(text);
                synchronized (session) {
                    activeResponseId = event.path("response").path("id").asText(null);
                    startTurn("response");
                }
                session.sendToClient(text);
            }
            case "response.done" -> responseDone(text);
            case "session.created", "session.updated" -> {
                JsonNode format = Events.parse(text).path("session").path("audio").path("output").path("format").path("type");
                if (format.isTextual()) {
                    synchronized (session) {
                        session.playback.outputFormat("audio/pcm".equals(format.asText()));
                    }
                }
                session.sendToClient(text);
            }
            case "error" -> {
                String code = Events.parse(text).path("error").path("code").asText("");
                if (code.equals("response_cancel_not_active") && System.nanoTime() - cancelSentNanos < 5_000_000_000L) {
                    return; // our own barge-in cancel raced the upstream's automatic one: not the client's concern
                }
                session.sendToClient(text);
            }
            default -> {
                if (!session.storeEvents() && isToolPlumbing(frame, text)) {
                    return;
                }
                session.sendToClient(text);
            }
        }
    }

    /** Function-call items, their argument streams and their outputs are the gateway's business. */
    private boolean isToolPlumbing(ServerFrame frame, String text) throws IOException {
        if (TOOL_ARGUMENT_EVENTS.contains(frame.type())) {
            return true;
        }
        if (ITEM_EVENTS.contains(frame.type())) {
            JsonNode item = Events.parse(text).path("item");
            String type = item.path("type").asText("");
            if (type.equals("function_call") || type.equals("function_call_output")) {
                synchronized (session) {
                    toolItemIds.add(item.path("id").asText(""));
                }
                return true;
            }
        }
        if (frame.type().equals("conversation.item.deleted") || frame.type().equals("conversation.item.truncated")) {
            synchronized (session) {
                return toolItemIds.contains(frame.itemId());
            }
        }
        return false;
    }

    /** The shopper started speaking: stop the answer and make the model forget what was not heard. */
    private void bargeIn() {
        synchronized (session) {
            if (activeResponseId != null) {
                cancelSentNanos = System.nanoTime();
                session.sendToUpstream(Events.responseCancel(activeResponseId));
            }
            long cutAt = session.playback.truncateAtMs(System.nanoTime());
            String item = session.playback.itemId();
            if (cutAt < 0 || item == null) {
                return;
            }
            // Give the client a moment to send its own truncate (it knows exactly what it played).
            session.truncateItemPending = item;
            session.truncateTimer = session.services.vertx.setTimer(session.services.limits.truncateGrace().toMillis(), id -> {
                synchronized (session) {
                    session.truncateTimer = -1;
                    if (!item.equals(session.truncateItemPending)) {
                        return;
                    }
                    session.truncateItemPending = null;
                }
                Log.debugf("Session %s: barge-in; truncating %s at %d ms (client sent no truncate)", session.id(), item, cutAt);
                session.sendToUpstream(Events.truncate(item, 0, cutAt));
            });
        }
    }

    private void responseDone(String text) throws IOException {
        JsonNode event = Events.parse(text);
        JsonNode response = event.path("response");
        List<ToolCall> calls = ToolCall.in(response);
        boolean closeNow;
        Span turn;
        StoreEvents.Usage totals;
        synchronized (session) {
            activeResponseId = null;
            usage.add(response.path("usage"));
            totals = usage.event();
            closeNow = endAfterResponse && calls.isEmpty();
            turn = turnSpan;
            if (calls.isEmpty()) {
                endTurn(response.path("status").asText(""));
            }
        }
        JsonNode usageNode = response.path("usage");
        session.services.metrics.usage(usageNode.path("input_tokens").asLong(), usageNode.path("output_tokens").asLong());
        if (!calls.isEmpty() && !session.storeEvents()) {
            ObjectNode visible = (ObjectNode) event.deepCopy();
            ArrayNode output = (ArrayNode) visible.path("response").path("output");
            for (int i = output.size() - 1; i >= 0; i--) {
                if (output.get(i).path("type").asText("").equals("function_call")) {
                    output.remove(i);
                }
            }
            session.sendToClient(Events.write(visible));
        } else {
            session.sendToClient(text);
        }
        session.sendStoreEvent(totals);
        if (!calls.isEmpty()) {
            tools.run(calls, turn != null ? turn : session.span, this::conversationEndRequested);
        } else if (closeNow) {
            closeAfterGoodbye();
        }
    }

    private void startTurn(String trigger) {
        if (turnSpan == null) {
            turnSpan = session.services.tracer.spanBuilder("realtime.turn")
                    .setParent(Context.root().with(session.span)).setAttribute("realtime.turn.trigger", trigger).startSpan();
        }
    }

    /** Ends the open turn (a response finished without tool calls, or the session ended). */
    void endTurn(String status) {
        synchronized (session) {
            if (turnSpan != null) {
                turnSpan.setAttribute("realtime.response.status", status);
                turnSpan.end();
                turnSpan = null;
            }
        }
    }

    private void conversationEndRequested() {
        synchronized (session) {
            endAfterResponse = true;
        }
    }

    /** The goodbye audio has been delivered; give the client time to play it, then close. */
    private void closeAfterGoodbye() {
        long remaining;
        synchronized (session) {
            remaining = session.playback.unplayedMs(System.nanoTime());
        }
        long delay = Math.min(15_000, remaining + 500);
        session.sendStoreEvent(new StoreEvents.SessionEnding(Events.newEventId(), "conversation_ended", delay / 1000));
        session.services.vertx.setTimer(delay, id -> session.end(1000, "conversation ended", "conversation_ended"));
    }

    @Override
    public void onClosed(int code, String reason) {
        if (session.isClosed()) {
            return;
        }
        Log.infof("Session %s: upstream closed (%d %s)", session.id(), code, reason == null ? "" : reason);
        if (code == 1000) {
            session.end(1000, "upstream ended the session", "upstream_closed");
            return;
        }
        session.sendToClient(Events.error("server_error", "upstream_closed", "The voice service closed the session (code "
                + code + "); open a new session to continue.", null, null));
        session.end(1011, "upstream closed the session", "upstream_error");
    }
}
