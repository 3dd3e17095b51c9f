package io.realtimestore.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.realtimestore.dto.realtime.StoreEvents;
import io.realtimestore.gateway.protocol.AudioFrames;
import io.realtimestore.gateway.protocol.ClientEvent;
import io.realtimestore.gateway.protocol.ClientEventReader;
import io.realtimestore.gateway.protocol.ClientFrame;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.protocol.EventScanner;
import io.realtimestore.gateway.protocol.ProtocolException;
import io.realtimestore.gateway.security.ClientIdentity;
import io.realtimestore.gateway.upstream.UpstreamConnection;
import io.realtimestore.gateway.upstream.UpstreamUnavailableException;
import io.realtimestore.gateway.ws.TextSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything about one client connection and its upstream session: created when the client connects, gone when
 * either side closes. Client events are checked and forwarded here; upstream events go through
 * {@link UpstreamEvents}; tool calls through {@link ToolTurn}. Both sockets live on the client connection's event
 * loop; state changes are still synchronized on the session because tool results, timers and the registry's
 * once-a-second check arrive on other threads.
 */
public final class RealtimeSession implements ToolHost {

    private static final Buffer PING = Buffer.buffer("ping");

    private final String id;
    private final ServerWebSocket client;
    /** Every data frame to the client goes through here, in order (see {@link TextSocket}). */
    private final TextSocket clientFrames;
    private final ClientIdentity identity;
    private final boolean storeEvents;
    final SessionServices services;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final AtomicLong pendingToClient = new AtomicLong();
    private final AtomicLong pendingToUpstream = new AtomicLong();
    private final Deque<String> waitingForUpstream = new ArrayDeque<>();
    private long waitingBytes;
    final AudioPlayback playback = new AudioPlayback();
    final UpstreamEvents upstreamEvents;
    final Span span;

    private volatile long lastClientActivityNanos = System.nanoTime();
    private long lastPingNanos = System.nanoTime();
    private UpstreamConnection upstream;
    private boolean closed;
    private boolean endWarningSent;
    int inputSampleBytes = 2;
    long truncateTimer = -1;
    String truncateItemPending;

    public RealtimeSession(String id, ServerWebSocket client, TextSocket clientFrames, ClientIdentity identity,
            SessionServices services) {
        this.id = id;
        this.client = client;
        this.clientFrames = clientFrames;
        this.identity = identity;
        this.services = services;
        this.storeEvents = StoreEvents.SUBPROTOCOL.equals(client.subProtocol());
        this.span = services.tracer.spanBuilder("realtime.session").setAttribute("realtime.session.id", id)
                .setAttribute("realtime.upstream", services.upstream.name())
                .setAttribute("realtime.store_events", storeEvents).startSpan();
        this.upstreamEvents = new UpstreamEvents(this);
    }

    @Override
    public String id() {
        return id;
    }

    String client() {
        return identity.client();
    }

    boolean storeEvents() {
        return storeEvents;
    }

    /** Admits the session and opens its upstream; refused or failed sessions are closed with a reason. */
    public void open() {
        if (!services.registry.admit(this)) {
            Log.infof("Session %s refused at open: capacity reached for %s", id, identity.client());
            synchronized (this) {
                closed = true;
            }
            sendToClient(Events.error("server_error", "capacity_reached", "the gateway is at its session limit; try again shortly", null, null));
            closeClient(1013, "session limit reached");
            span.end();
            return;
        }
        Log.debugf("Session %s opened for %s (store events: %s)", id, identity.client(), storeEvents);
        services.upstream.connect(upstreamEvents).subscribe().with(this::upstreamReady, this::upstreamFailed);
    }

    /** Never throws: Mutiny would only log a failure here, and the client would wait for a session that never starts. */
    private void upstreamReady(UpstreamConnection connection) {
        try {
            startRelaying(connection);
        } catch (RuntimeException unexpected) {
            Log.errorf(unexpected, "Session %s: the session could not start", id);
            synchronized (this) {
                if (upstream != connection) { // not yet the session's, so end() would not close it
                    connection.close(1011, "the gateway could not start the session").subscribe().with(ok -> { }, failure -> { });
                }
            }
            sendToClient(Events.error("server_error", "internal_error", "the gateway could not start the session", null, null));
            end(1011, "the gateway could not start the session", "internal_error");
        }
    }

    private void startRelaying(UpstreamConnection connection) {
        synchronized (this) {
            if (closed) {
                connection.close(1000, "client left");
                return;
            }
            upstream = connection;
            sendToUpstream(Events.sessionUpdate(services.policy.initialSession(), null));
            while (!waitingForUpstream.isEmpty()) {
                sendToUpstream(waitingForUpstream.poll());
            }
            waitingBytes = 0;
        }
        if (storeEvents) {
            sendToClient(Events.write(new StoreEvents.SessionInfo(Events.newEventId(), id, services.upstream.name(),
                    services.policy.defaultVoice(), services.policy.allowedVoices(), startedAt.plus(services.limits.maxSessionDuration()).getEpochSecond(),
                    io.realtimestore.gateway.tools.ProductTools.NAMES)));
        }
    }

    private void upstreamFailed(Throwable failure) {
        UpstreamUnavailableException unavailable = failure instanceof UpstreamUnavailableException known
                ? known : new UpstreamUnavailableException("the upstream could not be reached");
        Log.warnf("Session %s: upstream %s unavailable: %s", id, services.upstream.name(), unavailable.getMessage());
        sendToClient(Events.error("server_error", unavailable.code(), "The voice service is unavailable: "
                + unavailable.getMessage(), null, null));
        end(1013, "upstream unavailable", unavailable.code());
    }

    /**
     * Offered each client message as UTF-8 before it is decoded: a plain audio append, once the upstream is open, is
     * relayed as these bytes. Anything else is declined and arrives at {@link #onClientText}.
     */
    public boolean takeClientFrame(ByteBuf utf8) {
        int length = utf8.readableBytes();
        if (length > services.limits.maxMessageBytes() || AudioFrames.plainAppend(utf8, inputSampleBytes) < 0) {
            return false;
        }
        synchronized (this) {
            if (closed || upstream == null) {
                return false; // queued until the upstream is open, or refused, by the usual path
            }
        }
        lastClientActivityNanos = System.nanoTime();
        services.metrics.clientFrame(length);
        sendToUpstream(utf8);
        return true;
    }

    /** A text message from the client. Never throws: a bad event gets an error event, abuse closes the session. */
    public void onClientText(String text) {
        lastClientActivityNanos = System.nanoTime();
        if (text.length() > services.limits.maxMessageBytes()) {
            reject(new ProtocolException("message_too_large", "message of " + text.length() + " bytes exceeds the limit of "
                    + services.limits.maxMessageBytes() + " bytes", null, null, 1009));
            return;
        }
        try {
            ClientFrame frame = EventScanner.scanClient(text, inputSampleBytes);
            services.metrics.clientFrame(text.length());
            if (frame.isAppend()) {
                forwardFromClient(text);
                return;
            }
            handleClientEvent(text, ClientEventReader.read(text, frame));
        } catch (ProtocolException problem) {
            reject(problem);
        } catch (RuntimeException unexpected) {
            Log.errorf(unexpected, "Session %s: unexpected failure handling a client event", id);
            sendToClient(Events.error("server_error", "internal_error", "the gateway could not process the event", null, null));
        }
    }

    /** Binary frames are not part of the protocol. */
    public void onClientBinary() {
        reject(new ProtocolException("binary_not_supported", "binary frames are not supported: send JSON text events "
                + "(audio goes base64 in input_audio_buffer.append)", null, null));
    }

    private void handleClientEvent(String text, ClientEvent event) throws ProtocolException {
        switch (event) {
            case ClientEvent.SessionUpdate update -> {
                ObjectNode session = services.policy.clientSessionUpdate(update.session(), update.eventId());
                JsonNode inputFormat = session.path("audio").path("input").path("format").path("type");
                if (!inputFormat.isMissingNode()) {
                    synchronized (this) {
                        inputSampleBytes = "audio/pcm".equals(inputFormat.asText()) ? 2 : 1;
                    }
                }
                forwardFromClient(Events.sessionUpdate(session, update.eventId()));
            }
            case ClientEvent.ItemTruncate truncate -> forwardFromClient(clampTruncate(text, truncate));
            case ClientEvent.ResponseCreate create -> {
                services.policy.clientResponseCreate(create.response(), create.eventId());
                forwardFromClient(text);
            }
            case ClientEvent.ItemCreate create -> {
                services.policy.clientItemCreate(create.item(), create.eventId());
                forwardFromClient(text);
            }
            default -> forwardFromClient(text);
        }
    }

    /** The client's truncate is clamped to what the gateway delivered: the model must not remember unheard audio. */
    private synchronized String clampTruncate(String text, ClientEvent.ItemTruncate truncate) {
        if (truncate.itemId().equals(truncateItemPending)) {
            truncateItemPending = null;
            if (truncateTimer >= 0) {
                services.vertx.cancelTimer(truncateTimer);
                truncateTimer = -1;
            }
        }
        long delivered = playback.deliveredMs(truncate.itemId());
        if (truncate.audioEndMs() <= delivered || !truncate.itemId().equals(playback.itemId())) {
            return text;
        }
        Log.debugf("Session %s: client truncate at %d ms clamped to %d ms delivered", id, truncate.audioEndMs(), delivered);
        return Events.truncate(truncate.itemId(), truncate.contentIndex(), delivered);
    }

    private void reject(ProtocolException problem) {
        services.metrics.rejectedClientEvent();
        sendToClient(Events.error(problem));
        if (problem.abusive()) {
            Log.infof("Session %s closed (%d): %s", id, problem.closeCode(), problem.getMessage());
            end(problem.closeCode(), shorten(problem.getMessage()), "client_abuse");
        }
    }

    /** Client → upstream, or queued (bounded) while the upstream session is being opened. */
    void forwardFromClient(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (upstream == null) {
                if (waitingForUpstream.size() >= services.limits.maxQueuedBeforeUpstream()
                        || waitingBytes + text.length() > services.limits.maxPendingBytes()) {
                    sendToClient(Events.error("server_error", "upstream_not_ready",
                            "too many events before the voice service was ready", null, null));
                    end(1013, "upstream not ready", "upstream_not_ready");
                    return;
                }
                waitingForUpstream.add(text);
                waitingBytes += text.length();
                return;
            }
        }
        sendToUpstream(text);
    }

    @Override
    public void sendToUpstream(String text) {
        int length = text.length();
        UpstreamConnection connection = upstreamAccepting(length);
        if (connection != null) {
            connection.send(text, () -> pendingToUpstream.addAndGet(-length));
        }
    }

    /** As {@link #sendToUpstream(String)} for a relayed frame's bytes; takes the buffer. */
    private void sendToUpstream(ByteBuf utf8) {
        int length = utf8.readableBytes();
        UpstreamConnection connection = upstreamAccepting(length);
        if (connection == null) {
            utf8.release();
        } else {
            connection.send(utf8, () -> pendingToUpstream.addAndGet(-length));
        }
    }

    /** The open upstream, counting {@code length} more bytes in flight to it; null (and maybe closing) when not. */
    private UpstreamConnection upstreamAccepting(int length) {
        UpstreamConnection connection = upstream;
        if (connection == null || closed) {
            return null;
        }
        long pending = pendingToUpstream.addAndGet(length);
        if (pending > services.limits.maxPendingBytes()) {
            pendingToUpstream.addAndGet(-length);
            Log.warnf("Session %s: upstream is not accepting data fast enough (%d bytes pending); closing", id, pending);
            sendToClient(Events.error("server_error", "upstream_backpressure", "the voice service is not keeping up", null, null));
            end(1013, "upstream not keeping up", "upstream_backpressure");
            return null;
        }
        return connection;
    }

    /** Upstream (or gateway) → client, bounded: a client that stops reading is closed instead of growing memory. */
    void sendToClient(String text) {
        sendToClient(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** As {@link #sendToClient(String)} for an event's UTF-8 bytes (a relayed audio delta); takes the buffer. */
    void sendToClient(ByteBuf utf8) {
        int length = utf8.readableBytes();
        if (clientFrames.isClosed()) {
            utf8.release();
            return;
        }
        long pending = pendingToClient.addAndGet(length);
        if (pending > services.limits.maxPendingBytes()) {
            utf8.release();
            Log.warnf("Session %s: client is not reading fast enough (%d bytes pending); closing", id, pending);
            end(1008, "client is not reading fast enough", "client_backpressure");
            return;
        }
        clientFrames.write(utf8, () -> pendingToClient.addAndGet(-length));
    }

    @Override
    public void sendStoreEvent(Object event) {
        if (storeEvents) {
            sendToClient(Events.write(event));
        }
    }

    /** Called every second by the registry: the time limits, and a ping now and then so proxies keep the socket open. */
    void checkTimeLimits() {
        long now = System.nanoTime();
        if (now - lastPingNanos >= services.limits.pingInterval().toNanos() && !client.isClosed()) {
            lastPingNanos = now;
            client.writePing(PING);
        }
        Duration age = Duration.ofNanos(now - startedNanos);
        Duration max = services.limits.maxSessionDuration();
        if (age.compareTo(max) >= 0) {
            sendToClient(Events.error("invalid_request_error", "session_expired", "The session reached its maximum duration of "
                    + max.toMinutes() + " minutes; open a new one to continue.", null, null));
            end(1000, "maximum session duration reached", "max_duration");
            return;
        }
        if (!endWarningSent && age.compareTo(max.minus(services.limits.sessionEndWarning())) >= 0) {
            endWarningSent = true;
            long left = max.minus(age).toSeconds();
            sendToClient(Events.error("invalid_request_error", "session_expiring", "The session ends in " + left
                    + " seconds (maximum duration " + max.toMinutes() + " minutes); open a new one to continue.", null, null));
            sendStoreEvent(new StoreEvents.SessionEnding(Events.newEventId(), "max_duration", left));
        }
        Duration idle = Duration.ofNanos(now - lastClientActivityNanos);
        if (idle.compareTo(services.limits.idleTimeout()) >= 0) {
            sendToClient(Events.error("invalid_request_error", "idle_timeout", "No events from the client for "
                    + services.limits.idleTimeout().toSeconds() + " seconds; the session is closed.", null, null));
            end(1000, "idle timeout", "idle_timeout");
        }
    }

    /** Ends the session from the gateway's side: both sockets closed, slot released. Idempotent. */
    public void end(int code, String reason, String cause) {
        UpstreamConnection connection;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            connection = upstream;
            waitingForUpstream.clear();
            if (truncateTimer >= 0) {
                services.vertx.cancelTimer(truncateTimer);
            }
        }
        if (connection != null) {
            connection.close(1000, "client session ended").subscribe().with(ok -> { }, failure -> { });
        }
        closeClient(code, reason);
        finish(cause);
    }

    /** The client went away (its socket closed). */
    public void clientClosed() {
        end(1000, "client closed", "client_closed");
    }

    private void closeClient(int code, String reason) {
        if (!client.isClosed()) {
            client.close((short) code, reason);
        }
    }

    private void finish(String cause) {
        services.registry.release(this);
        upstreamEvents.endTurn("session_ended");
        Duration duration = Duration.between(startedAt, Instant.now());
        services.metrics.sessionClosed(cause, duration);
        span.setAttribute("realtime.session.end_reason", cause);
        span.end();
        Log.debugf("Session %s ended after %d s: %s", id, duration.toSeconds(), cause);
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    private static String shorten(String reason) {
        // close reasons are limited to 123 bytes on the wire
        return reason.length() > 120 ? reason.substring(0, 120) : reason;
    }
}
