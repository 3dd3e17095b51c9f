package io.realtimestore.console.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.ExitCode;
import io.realtimestore.console.audio.AudioInput;
import io.realtimestore.console.audio.Playback;
import io.realtimestore.console.realtime.ClientEvents;
import io.realtimestore.console.realtime.RealtimeConnection;
import io.realtimestore.console.realtime.RealtimeListener;
import io.realtimestore.console.transcript.Notes;
import io.realtimestore.console.transcript.TranscriptPrinter;
import io.realtimestore.dto.realtime.StoreEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One conversation: the Realtime WebSocket, the user's side (microphone, WAV file or typed lines), the assistant's
 * audio (speaker or WAV file) and the printed transcript. Every event, from whatever thread, lands in one queue that
 * the calling thread works through, so the state here is plain fields.
 *
 * <p>It ends when the assistant ends the conversation (its end_conversation tool, seen through the gateway's store
 * events), when a headless input has been answered (the WAV file played out, or stdin ended, and every turn has
 * its answer, heard to the end), when the service closes the session, on Ctrl-C, or at --timeout.
 */
public final class ConversationSession implements RealtimeListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long READY_TIMEOUT_MS = 20_000;
    /** After a WAV file ends without any speech detected, how long to keep listening before giving up. */
    private static final long NO_SPEECH_GRACE_MS = 6_000;
    /** How long the end waits for a transcript that is still missing. */
    private static final long TRANSCRIPT_WAIT_MS = 4_000;
    /** How long a goodbye may take to play out after the session ended. */
    private static final long FINAL_PLAYBACK_MS = 20_000;

    private final SessionPlan plan;
    private final TranscriptPrinter printer;
    private final Playback playback;
    private final AudioInput audioInput;
    private final TypedLines typedLines;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private final TurnTracker turns = new TurnTracker();
    private final Deque<String> typed = new ArrayDeque<>();
    /** The answer (message) items of each response in progress, to close their lines when it is done. */
    private final Map<String, List<String>> answerItems = new HashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();

    private RealtimeConnection link;
    private boolean ready;
    private boolean inputEnded;
    private long inputEndedNanos;
    private boolean sawSpeech;
    private boolean assistantEnding;
    private boolean serverClosed;
    private long quietSinceNanos = -1;
    private ExitCode result;
    private String resultMessage;

    /**
     * @param playback where the assistant's audio is heard, or null for written answers only
     * @param audioInput the microphone or WAV file, or null when the user types
     */
    ConversationSession(SessionPlan plan, ConsoleIo io, Playback playback, AudioInput audioInput) {
        this.plan = plan;
        this.playback = playback;
        this.audioInput = audioInput;
        this.typedLines = plan.input() == SessionPlan.Input.TEXT ? new TypedLines(io.in()) : null;
        this.printer = new TranscriptPrinter(io.out(), io.err(), System::nanoTime, TRANSCRIPT_WAIT_MS);
    }

    /** Connects, runs the conversation to its end, closes everything; returns the exit code. */
    ExitCode run() {
        Thread hook = new Thread(this::stopFromSignal, "voice-console-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            link = RealtimeConnection.open(plan.endpoint(), this);
            status(connectedMessage());
            String update = ClientEvents.sessionUpdate(plan.settings(), plan.endpoint().direct());
            if (update != null) {
                link.send(update);
            }
            loop();
        } catch (ConsoleFailure failure) {
            finish(failure.exitCode(), failure.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(ExitCode.INTERRUPTED, "Stopped.");
        } finally {
            shutdown();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping (Ctrl-C): the hook has run
            }
        }
        return result;
    }

    // ---- RealtimeListener: called on the WebSocket's thread ----

    @Override
    public void onEvent(String json) {
        inbox.add(new Inbound.ServerEvent(json));
    }

    @Override
    public void onClosed(int code, String reason) {
        inbox.add(new Inbound.ServerClosed(code, reason == null ? "" : reason));
    }

    @Override
    public void onFailure(Throwable error) {
        inbox.add(new Inbound.LinkFailed(error));
    }

    /** Ctrl-C or SIGTERM: ask the loop to close the session cleanly, and give it a moment to do so. */
    private void stopFromSignal() {
        if (finished.getCount() == 0) {
            return;
        }
        inbox.add(new Inbound.StopRequested());
        try {
            finished.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the loop ----

    private void loop() throws InterruptedException {
        while (result == null) {
            Inbound next = inbox.poll(20, TimeUnit.MILLISECONDS);
            while (next != null && result == null) {
                handle(next);
                next = inbox.poll();
            }
            if (result == null) {
                tick();
            }
        }
    }

    private void handle(Inbound inbound) {
        switch (inbound) {
            case Inbound.ServerEvent event -> onServerEvent(event.json());
            case Inbound.ServerClosed closed -> onServerClosed(closed.code(), closed.reason());
            case Inbound.LinkFailed failed -> {
                serverClosed = true;
                Throwable error = failed.error();
                finish(ExitCode.SESSION, "Lost the connection to " + plan.endpoint().uri().getHost() + ": "
                        + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()) + ".");
            }
            case Inbound.TypedLine line -> typed.add(line.text());
            case Inbound.InputEnded ended -> {
                inputEnded = true;
                inputEndedNanos = System.nanoTime();
            }
            case Inbound.StopRequested stop -> finish(ExitCode.INTERRUPTED, "Stopped: the session was closed.");
        }
    }

    /** Time-driven decisions: timeouts, sending the next typed line, and whether a headless run is done. */
    private void tick() {
        long now = System.nanoTime();
        printer.releaseOverdue();
        if (playback != null && playback.failure() != null) {
            finish(ExitCode.FILE, "Cannot write the answer's audio: " + playback.failure().getMessage());
            return;
        }
        if (!plan.timeout().isZero() && now - startNanos > plan.timeout().toNanos()) {
            finish(ExitCode.TIMEOUT, "Gave up after " + plan.timeout().toSeconds() + " s (--timeout) before the conversation finished.");
            return;
        }
        if (!ready && now - startNanos > READY_TIMEOUT_MS * 1_000_000L) {
            finish(ExitCode.SESSION, "The service did not set up the session within " + READY_TIMEOUT_MS / 1000 + " s.");
            return;
        }
        sendNextTypedLine(now);
        boolean quiet = ready && turns.idle(now) && (playback == null || playback.idle()) && typed.isEmpty();
        quietSinceNanos = quiet ? (quietSinceNanos < 0 ? now : quietSinceNanos) : -1;
        boolean settled = quiet && (!printer.hasPending() || now - quietSinceNanos > TRANSCRIPT_WAIT_MS * 1_000_000L);
        if (assistantEnding && settled) {
            finish(ExitCode.DONE, "The assistant ended the conversation.");
        } else if (inputEnded && plan.input() == SessionPlan.Input.TEXT && settled) {
            finish(ExitCode.DONE, null);
        } else if (inputEnded && plan.input() == SessionPlan.Input.FILE) {
            if (sawSpeech && settled && turns.answered() > 0) {
                finish(ExitCode.DONE, null);
            } else if (!sawSpeech && now - inputEndedNanos > NO_SPEECH_GRACE_MS * 1_000_000L) {
                finish(ExitCode.SESSION, "The service detected no speech in " + plan.inputFile().getFileName()
                        + " (is it a recording of someone speaking, and loud enough?).");
            }
        }
    }

    private void sendNextTypedLine(long now) {
        if (!ready || typed.isEmpty() || !turns.idle(now)) {
            return;
        }
        link.send(ClientEvents.userText(typed.poll()));
        link.send(ClientEvents.createResponse());
        turns.userTurn();
    }

    // ---- server events ----

    private void onServerEvent(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (IOException e) {
            verbose("[protocol] ignored a message that is not JSON");
            return;
        }
        switch (event.path("type").asText()) {
            case "session.created" -> verbose(Notes.session("session.created", event.path("session")));
            case "session.updated" -> sessionUpdated(event.path("session"));
            case "input_audio_buffer.speech_started" -> speechStarted(event);
            case "input_audio_buffer.speech_stopped" -> {
                turns.speechStopped(System.nanoTime());
                verbose(Notes.speech("speech stopped", event.path("audio_end_ms").asLong()));
            }
            case "input_audio_buffer.committed" -> {
                printer.userTurn(event.path("item_id").asText());
                turns.userTurn();
            }
            case "conversation.item.added", "conversation.item.created" -> itemAdded(event.path("item"));
            case "conversation.item.input_audio_transcription.completed" ->
                    printer.userSaid(event.path("item_id").asText(), event.path("transcript").asText(""));
            case "conversation.item.input_audio_transcription.failed" -> printer.userSaid(event.path("item_id").asText(), null);
            case "response.created" -> turns.responseStarted(event.path("response").path("id").asText());
            case "response.output_item.added" -> outputItemAdded(event);
            case "response.output_audio_transcript.delta", "response.output_text.delta" ->
                    printer.assistantText(event.path("item_id").asText(), event.path("delta").asText(""));
            case "response.output_audio_transcript.done" ->
                    printer.assistantDone(event.path("item_id").asText(), event.path("transcript").asText(null));
            case "response.output_text.done" -> printer.assistantDone(event.path("item_id").asText(), event.path("text").asText(null));
            case "response.output_audio.delta" -> audioDelta(event);
            case "response.output_item.done" -> outputItemDone(event.path("item"));
            case "response.done" -> responseDone(event.path("response"));
            case "conversation.item.truncated" -> verbose(Notes.truncated(event));
            case "error" -> printer.aside(Notes.error(event.path("error")));
            case "store.session" -> verbose(Notes.sessionInfo(event));
            case "store.tool_result" -> verbose(Notes.toolResult(event));
            case "store.usage" -> verbose(Notes.usage(event));
            case "store.turn_latency" -> verbose(Notes.latency(event));
            case "store.session_ending" -> sessionEnding(event);
            default -> {
                // rate limits, content parts, item.done... nothing to show
            }
        }
    }

    private void sessionUpdated(JsonNode session) {
        verbose(Notes.session("session.updated", session));
        if (ready) {
            return;
        }
        ready = true;
        if (audioInput != null) {
            audioInput.start(block -> link.sendAudio(ClientEvents.appendAudio(block)), () -> inbox.add(new Inbound.InputEnded()));
        }
        if (typedLines != null) {
            typedLines.start(inbox::add);
        }
        status(switch (plan.input()) {
            case MICROPHONE -> "Speak when you are ready (use headphones: the microphone must not hear the answer). Ctrl-C ends.";
            case FILE -> "Playing " + plan.inputFile().getFileName() + " into the conversation.";
            case TEXT -> "Type a question and press Enter; end with Ctrl-D (or Ctrl-C).";
        });
    }

    private void itemAdded(JsonNode item) {
        if (!item.path("type").asText().equals("message")) {
            return; // function calls and their outputs: --verbose shows them from the response events
        }
        String id = item.path("id").asText();
        if (item.path("role").asText().equals("assistant")) {
            printer.assistantItem(id);
        } else if (item.path("role").asText().equals("user")) {
            JsonNode content = item.path("content").path(0);
            if (content.path("type").asText().equals("input_text")) {
                printer.userSaid(id, content.path("text").asText(""));
            } else {
                printer.userTurn(id);
            }
        }
    }

    private void outputItemAdded(JsonNode event) {
        JsonNode item = event.path("item");
        if (item.path("type").asText().equals("message")) {
            String id = item.path("id").asText();
            printer.assistantItem(id);
            answerItems.computeIfAbsent(event.path("response_id").asText(), key -> new ArrayList<>()).add(id);
        }
    }

    private void outputItemDone(JsonNode item) {
        if (item.path("type").asText().equals("function_call")) {
            verbose(Notes.toolCall(item));
            if (item.path("name").asText().equals("end_conversation")) {
                assistantEnding = true;
            }
        }
    }

    private void audioDelta(JsonNode event) {
        if (playback != null) {
            playback.play(event.path("item_id").asText(), Base64.getDecoder().decode(event.path("delta").asText("")));
        }
    }

    /**
     * Barge-in: the user started speaking. Whatever of the answer is still playing stops at once, and the service is
     * told how much of the answer item was actually heard, so its memory of the conversation matches the user's.
     */
    private void speechStarted(JsonNode event) {
        sawSpeech = true;
        turns.speechStarted();
        verbose(Notes.speech("speech started", event.path("audio_start_ms").asLong()));
        boolean answerPlayingOrComing = playback != null && playback.currentItem() != null
                && (!playback.idle() || turns.responding());
        if (!answerPlayingOrComing) {
            return;
        }
        String item = playback.currentItem();
        playback.interrupt();
        long heardMs = playback.heardMs(item);
        link.send(ClientEvents.truncate(item, heardMs));
        printer.interrupted(item);
        verbose(Notes.bargeIn(heardMs));
    }

    private void responseDone(JsonNode response) {
        String status = response.path("status").asText();
        boolean calledTools = false;
        List<String> answers = answerItems.getOrDefault(response.path("id").asText(), new ArrayList<>());
        answerItems.remove(response.path("id").asText());
        for (JsonNode item : response.path("output")) {
            if (item.path("type").asText().equals("function_call")) {
                calledTools = true;
                assistantEnding |= item.path("name").asText().equals("end_conversation");
            } else if (item.path("type").asText().equals("message") && !answers.contains(item.path("id").asText())) {
                answers.add(item.path("id").asText());
            }
        }
        boolean completed = status.equals("completed");
        for (String item : answers) {
            if (completed) {
                printer.assistantDone(item, null);
            } else {
                printer.interrupted(item);
            }
        }
        JsonNode details = response.path("status_details");
        if (status.equals("failed")) {
            JsonNode error = details.path("error");
            printer.aside("Error: the answer failed (" + error.path("code").asText(error.path("type").asText("unknown reason")) + ").");
        } else if (status.equals("incomplete")) {
            printer.aside("The answer was cut short (" + details.path("reason").asText("incomplete") + ").");
        }
        turns.responseDone(response.path("id").asText(), !(completed && calledTools));
    }

    private void sessionEnding(JsonNode event) {
        String reason = event.path("reason").asText();
        if (reason.equals("conversation_ended")) {
            assistantEnding = true;
            verbose("[session] the assistant ended the conversation");
        } else {
            printer.aside("The session will end in " + event.path("seconds_left").asLong() + " s (" + reason.replace('_', ' ') + ").");
        }
    }

    private void onServerClosed(int code, String reason) {
        serverClosed = true;
        if (code == 1000) {
            finish(ExitCode.DONE, assistantEnding ? "The assistant ended the conversation."
                    : "The service ended the session" + (reason.isBlank() ? "." : ": " + reason + "."));
        } else {
            finish(ExitCode.SESSION, "The service closed the session (" + code + ", " + Notes.closeCode(code) + ")"
                    + (reason.isBlank() ? "." : ": " + reason + "."));
        }
    }

    // ---- the end ----

    private void finish(ExitCode code, String message) {
        if (result == null) {
            result = code;
            resultMessage = message;
        }
    }

    private void shutdown() {
        if (result == null) {
            finish(ExitCode.UNEXPECTED, "The session stopped unexpectedly.");
        }
        if (audioInput != null) {
            audioInput.close();
        }
        if (result == ExitCode.DONE && playback != null) {
            playback.awaitIdle(FINAL_PLAYBACK_MS); // let the last answer (a goodbye) play out
        }
        printer.finish();
        if (link != null && !serverClosed) {
            link.close(1000, result == ExitCode.INTERRUPTED ? "stopped by the user" : "conversation finished", Duration.ofSeconds(1));
        }
        if (playback != null) {
            try {
                if (playback.droppedBytes() > 0) {
                    verbose("[audio] " + playback.droppedBytes() + " bytes of the answer were dropped (playback buffer full)");
                }
                playback.close();
            } catch (IOException e) {
                finish(ExitCode.FILE, "Cannot finish writing the answer's audio: " + e.getMessage());
            }
        }
        if (audioInput != null && audioInput.droppedBytes() > 0) {
            verbose("[audio] " + audioInput.droppedBytes() + " bytes of microphone audio were dropped (capture buffer full)");
        }
        if (link != null && link.droppedAudioEvents() > 0) {
            verbose("[audio] " + link.droppedAudioEvents() + " blocks of your audio were dropped (the network did not keep up)");
        }
        if (resultMessage != null) {
            status(resultMessage);
        }
    }

    private String connectedMessage() {
        String protocol = link.subprotocol().equals(StoreEvents.SUBPROTOCOL) ? ", store events on" : "";
        return "Connected to " + plan.endpoint() + (plan.endpoint().direct() ? " (direct: no store tools)" : protocol) + ".";
    }

    private void verbose(String note) {
        if (plan.verbose()) {
            printer.note(note);
        }
    }

    private void status(String message) {
        printer.aside(message);
    }
}
