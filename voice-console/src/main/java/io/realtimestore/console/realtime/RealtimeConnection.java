package io.realtimestore.console.realtime;

import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ExitCode;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The Realtime WebSocket, on the JDK's own client ({@code java.net.http}): it sets handshake headers (the gateway's
 * {@code X-Api-Key}, Azure's {@code api-key}, bearer tokens) and subprotocols, reports the HTTP status of a refused
 * handshake (so a wrong key can be told from an unreachable host), and brings no dependency or event loop of its
 * own into a command-line tool.
 *
 * <p>The JDK client allows one outstanding send at a time, so every send goes through one sender thread, in order.
 * Audio is dropped (not queued without bound) when the network stops taking it; control events are never dropped.
 */
public final class RealtimeConnection implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** ~10 s of 24 kHz audio as base64 JSON: beyond that the network is not keeping up and old audio is useless. */
    private static final long MAX_QUEUED_AUDIO_CHARS = 10 * 64_000;
    private static final int MAX_MESSAGE_CHARS = 32 * 1024 * 1024;

    private final WebSocket socket;
    private final ExecutorService sender;
    private final AtomicLong queuedAudioChars = new AtomicLong();
    private final AtomicLong droppedAudioEvents = new AtomicLong();
    private final CompletableFuture<Void> closedByPeer;
    private volatile boolean closing;

    private RealtimeConnection(WebSocket socket, ExecutorService sender, CompletableFuture<Void> closedByPeer) {
        this.socket = socket;
        this.sender = sender;
        this.closedByPeer = closedByPeer;
    }

    /**
     * Opens the WebSocket; a refused handshake or an unreachable host becomes a {@link ConsoleFailure} with the exit
     * code for it and a message that says what to check.
     */
    public static RealtimeConnection open(Endpoint endpoint, RealtimeListener listener) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        endpoint.headers().forEach(builder::header);
        if (!endpoint.subprotocols().isEmpty()) {
            builder.subprotocols(endpoint.subprotocols().get(0),
                    endpoint.subprotocols().subList(1, endpoint.subprotocols().size()).toArray(String[]::new));
        }
        CompletableFuture<Void> closedByPeer = new CompletableFuture<>();
        Receiver receiver = new Receiver(listener, closedByPeer);
        try {
            WebSocket socket = builder.buildAsync(endpoint.uri(), receiver).get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "voice-console-sender");
                thread.setDaemon(true);
                return thread;
            });
            return new RealtimeConnection(socket, sender, closedByPeer);
        } catch (ExecutionException e) {
            throw HandshakeFailures.describe(endpoint, e.getCause());
        } catch (TimeoutException e) {
            throw new ConsoleFailure(ExitCode.CONNECTION, "Could not connect to " + endpoint + ": no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleFailure(ExitCode.INTERRUPTED, "Stopped while connecting.");
        }
    }

    /** The subprotocol the service chose, or "" when none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a control event (never dropped while the connection is open). */
    public void send(String json) {
        if (!closing) {
            enqueue(() -> write(json));
        }
    }

    /** Sends an audio event, unless too much audio is already waiting for the network (then it is dropped). */
    public void sendAudio(String json) {
        if (closing) {
            return;
        }
        if (queuedAudioChars.get() > MAX_QUEUED_AUDIO_CHARS) {
            droppedAudioEvents.incrementAndGet();
            return;
        }
        queuedAudioChars.addAndGet(json.length());
        enqueue(() -> {
            try {
                write(json);
            } finally {
                queuedAudioChars.addAndGet(-json.length());
            }
        });
    }

    /** Audio threads may still hand over a block while the connection closes: it is simply not sent. */
    private void enqueue(Runnable send) {
        try {
            sender.execute(send);
        } catch (RejectedExecutionException closed) {
            // closing: nothing more goes out
        }
    }

    /** Audio events dropped because the network did not keep up. */
    public long droppedAudioEvents() {
        return droppedAudioEvents.get();
    }

    private void write(String json) {
        if (socket.isOutputClosed()) {
            return;
        }
        try {
            socket.sendText(json, true).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the receiver reports the broken connection; nothing more to send
        }
    }

    /**
     * Closes with a normal close frame after what is queued has been sent, and waits up to {@code wait} for the
     * service's answer (a clean close, so the service ends its session at once rather than on a timeout).
     */
    public void close(int code, String reason, Duration wait) {
        if (closing) {
            return;
        }
        closing = true;
        sender.execute(() -> {
            if (!socket.isOutputClosed()) {
                try {
                    socket.sendClose(code, reason).get(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // fall through to abort
                }
            }
        });
        sender.shutdown();
        try {
            sender.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            closedByPeer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the service did not answer the close in time
        }
        socket.abort();
    }

    @Override
    public void close() {
        close(WebSocket.NORMAL_CLOSURE, "client closed", Duration.ofSeconds(1));
    }

    /** Reassembles text messages that arrive in parts and hands each whole one to the listener. */
    private static final class Receiver implements WebSocket.Listener {
        private final RealtimeListener listener;
        private final CompletableFuture<Void> closedByPeer;
        private final StringBuilder partial = new StringBuilder();

        Receiver(RealtimeListener listener, CompletableFuture<Void> closedByPeer) {
            this.listener = listener;
            this.closedByPeer = closedByPeer;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (partial.length() + data.length() > MAX_MESSAGE_CHARS) {
                partial.setLength(0);
                listener.onFailure(new IllegalStateException("the service sent a message over " + MAX_MESSAGE_CHARS / 1024 / 1024 + " MiB"));
                webSocket.abort();
                return null;
            }
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                listener.onEvent(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            webSocket.request(1); // the Realtime protocol is text only
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByPeer.complete(null);
            listener.onClosed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedByPeer.complete(null);
            listener.onFailure(error);
        }
    }

    /** Turns why a handshake failed into what the person at the terminal should check, with the exit code for it. */
    static final class HandshakeFailures {

        private HandshakeFailures() {
        }

        static ConsoleFailure describe(Endpoint endpoint, Throwable cause) {
            if (cause instanceof WebSocketHandshakeException refused) {
                return refused(endpoint, refused.getResponse());
            }
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                if (root instanceof ConnectException || root instanceof SSLException) {
                    break;
                }
                root = root.getCause();
            }
            String where = endpoint.uri().getHost() + (endpoint.uri().getPort() > 0 ? ":" + endpoint.uri().getPort() : "");
            if (root instanceof HttpConnectTimeoutException) {
                return new ConsoleFailure(ExitCode.CONNECTION, "Could not connect to " + where + ": it did not answer within "
                        + CONNECT_TIMEOUT.toSeconds() + " s.", cause);
            }
            if (root instanceof ConnectException) {
                return new ConsoleFailure(ExitCode.CONNECTION, "Could not connect to " + where
                        + ": nothing is listening there (connection refused). Is the service running, and is the URL right?", cause);
            }
            if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
                return new ConsoleFailure(ExitCode.CONNECTION, "Could not connect: unknown host " + endpoint.uri().getHost() + ".", cause);
            }
            if (root instanceof SSLException) {
                return new ConsoleFailure(ExitCode.CONNECTION, "Could not connect to " + where + ": the TLS handshake failed ("
                        + root.getMessage() + ").", cause);
            }
            return new ConsoleFailure(ExitCode.CONNECTION, "Could not connect to " + endpoint + ": "
                    + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ".", cause);
        }

        private static ConsoleFailure refused(Endpoint endpoint, HttpResponse<?> response) {
            int status = response.statusCode();
            String why = response.headers().firstValue("X-Realtime-Error")
                    .or(() -> response.headers().firstValue("WWW-Authenticate")).map(value -> " (" + value + ")").orElse("");
            String credential = switch (endpoint.kind()) {
                case GATEWAY -> endpoint.headers().containsKey("X-Api-Key") ? "the gateway key (--api-key or GATEWAY_API_KEY)"
                        : "the token (--token); tokens are single-use and expire after a minute";
                case AZURE -> endpoint.headers().containsKey("api-key") ? "the Azure OpenAI key (--api-key or AZURE_OPENAI_API_KEY)"
                        : "the Entra ID identity's access (role Cognitive Services OpenAI User)";
                case OPENAI -> "the OpenAI key (--api-key or OPENAI_API_KEY)";
            };
            return switch (status) {
                case 401 -> new ConsoleFailure(ExitCode.AUTHENTICATION, "The service refused the credentials (401)" + why
                        + ". Check " + credential + ".");
                case 403 -> new ConsoleFailure(ExitCode.AUTHENTICATION, "The service refused access (403)" + why + ". Check "
                        + credential + ".");
                case 404 -> new ConsoleFailure(ExitCode.CONNECTION, "There is no Realtime endpoint at " + endpoint + " (404)"
                        + (endpoint.kind() == Endpoint.Kind.AZURE ? ": check --azure-endpoint and --deployment." : ": check the URL."));
                case 429, 503 -> new ConsoleFailure(ExitCode.CONNECTION, "The service is busy (" + status + ")" + why
                        + response.headers().firstValue("Retry-After").map(s -> "; try again in " + s + " s").orElse("") + ".");
                default -> new ConsoleFailure(ExitCode.CONNECTION, "The service refused the connection (HTTP " + status + ")" + why + ".");
            };
        }
    }
}
