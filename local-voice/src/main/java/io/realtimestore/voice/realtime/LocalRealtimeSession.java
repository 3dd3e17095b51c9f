package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.voice.assistant.AssistantStep;
import io.realtimestore.voice.assistant.ShoppingAssistant;
import io.realtimestore.voice.tts.SpeechSynthesizer;
import io.realtimestore.voice.vad.TurnDetector;
import io.realtimestore.voice.vad.VadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One GA Realtime session served by the local engine: client events in, server events out, exactly as the gateway
 * exchanges them with Azure. Everything runs on the session's {@link SerialLane}, so state needs no locks.
 */
public final class LocalRealtimeSession implements SessionContext {

    /** Without turn detection the client commits; this bounds what it may buffer before (5 minutes at 16 kHz). */
    private static final int MAX_MANUAL_BUFFER_SAMPLES = 5 * 60 * InputDecoder.RECOGNIZER_RATE;
    private static final long MIN_COMMIT_MS = 100;
    private static final long DECODER_RETRY_MS = 50;

    private final VoiceResources resources;
    private final Consumer<String> events;
    private final SerialLane lane;
    private final SessionSettings settings;
    private final Conversation conversation = new Conversation();
    private final ShoppingAssistant assistant;
    private final InputDecoder decoder;
    private VadStream vadStream;
    private TurnDetector turns;
    private SpeechTurn speech;
    private String speechItemId;
    private final List<short[]> manualBuffer = new ArrayList<>();
    private long manualBufferSamples;
    private ResponseRun activeResponse;
    private boolean closed;

    public LocalRealtimeSession(VoiceResources resources, String defaultVoice, long expiresAtEpochSeconds,
            Consumer<String> events) {
        this.resources = resources;
        this.events = events;
        this.lane = new SerialLane(resources.workers());
        this.settings = new SessionSettings(Ids.next("sess"), expiresAtEpochSeconds, defaultVoice);
        this.assistant = new ShoppingAssistant(resources.catalogTerms());
        this.decoder = new InputDecoder(settings.inputFormat());
    }

    /** Sends session.created; call once, before any client event. */
    public void start() {
        lane.execute(() -> {
            configureTurnDetection();
            send(ServerEvents.event("session.created").set("session", settings.json()));
        });
    }

    /** A client event (JSON text), from any thread. */
    public void accept(String clientEvent) {
        lane.execute(() -> handle(clientEvent));
    }

    /** Ends the session: stops any answer and returns pooled decoders. */
    public void close() {
        lane.execute(() -> {
            closed = true;
            if (activeResponse != null) {
                activeResponse.cancel("client_cancelled");
            }
            endSpeechTurn();
            if (vadStream != null) {
                vadStream.close();
            }
        });
    }

    private void handle(String text) {
        if (closed) {
            return;
        }
        JsonNode event;
        try {
            event = ServerEvents.JSON.readTree(text);
        } catch (Exception notJson) {
            send(ServerEvents.error("invalid_request_error", "invalid_json", "the event is not valid JSON", null, null));
            return;
        }
        String eventId = event.path("event_id").isTextual() ? event.path("event_id").asText() : null;
        switch (event.path("type").asText()) {
            case "session.update" -> updateSession(event.path("session"));
            case "input_audio_buffer.append" -> appendAudio(event.path("audio").asText(""), eventId);
            case "input_audio_buffer.commit" -> commitAudio(eventId);
            case "input_audio_buffer.clear" -> clearAudio();
            case "conversation.item.create" -> createItem(event.path("item"), eventId);
            case "conversation.item.truncate" -> truncateItem(event, eventId);
            case "conversation.item.delete" -> deleteItem(event.path("item_id").asText(), eventId);
            case "conversation.item.retrieve" -> retrieveItem(event.path("item_id").asText(), eventId);
            case "response.create" -> createResponse(eventId);
            case "response.cancel" -> cancelResponse(eventId);
            default -> send(ServerEvents.error("invalid_request_error", "unknown_event", "the local voice engine does not "
                    + "support events of type '" + event.path("type").asText() + "'", "type", eventId));
        }
    }

    private void updateSession(JsonNode update) {
        settings.merge(update);
        decoder.use(settings.inputFormat());
        configureTurnDetection();
        send(ServerEvents.event("session.updated").set("session", settings.json()));
    }

    private void configureTurnDetection() {
        if (!settings.detectsTurns()) {
            if (turns != null) {
                endSpeechTurn();
                turns = null;
            }
            return;
        }
        if (turns == null) {
            vadStream = resources.vad().newStream();
            turns = new TurnDetector(vadStream, settings.turnSettings(), new TurnListener());
        } else {
            turns.settings(settings.turnSettings());
        }
    }

    private void appendAudio(String base64, String eventId) {
        short[] samples;
        try {
            samples = decoder.decode(base64);
        } catch (IllegalArgumentException notBase64) {
            send(ServerEvents.error("invalid_request_error", "invalid_value", "audio is not valid base64", "audio", eventId));
            return;
        }
        if (turns != null) {
            turns.accept(samples);
        } else if (manualBufferSamples + samples.length <= MAX_MANUAL_BUFFER_SAMPLES) {
            manualBuffer.add(samples);
            manualBufferSamples += samples.length;
        } else {
            send(ServerEvents.error("invalid_request_error", "input_audio_buffer_full", "the input audio buffer holds at "
                    + "most 5 minutes; commit or clear it", null, eventId));
        }
    }

    private void commitAudio(String eventId) {
        if (turns != null) {
            if (turns.inSpeech()) {
                turns.endTurn();
            } else {
                send(ServerEvents.error("invalid_request_error", "input_audio_buffer_commit_empty",
                        "there is no speech in the input audio buffer to commit", null, eventId));
            }
            return;
        }
        if (manualBufferSamples * 1000 / InputDecoder.RECOGNIZER_RATE < MIN_COMMIT_MS) {
            send(ServerEvents.error("invalid_request_error", "input_audio_buffer_commit_empty", "the input audio buffer "
                    + "holds less than " + MIN_COMMIT_MS + " ms of audio", null, eventId));
            return;
        }
        speechItemId = Ids.next("item");
        speech = new SpeechTurn(resources.recognizer());
        manualBuffer.forEach(speech::accept);
        manualBuffer.clear();
        manualBufferSamples = 0;
        commitSpeechTurn(false);
    }

    private void clearAudio() {
        if (turns != null) {
            turns.clear();
        }
        endSpeechTurn();
        manualBuffer.clear();
        manualBufferSamples = 0;
        send(ServerEvents.event("input_audio_buffer.cleared"));
    }

    private void createItem(JsonNode item, String eventId) {
        if (!item.isObject()) {
            send(ServerEvents.error("invalid_request_error", "missing_required_parameter", "item is required", "item", eventId));
            return;
        }
        ObjectNode stored = ((ObjectNode) item).deepCopy();
        if (!stored.hasNonNull("id")) {
            stored.put("id", Ids.next("item"));
        }
        stored.put("object", "realtime.item").put("status", "completed");
        boolean fromEngine = stored.path("role").asText().equals("assistant");
        String previous = fromEngine ? conversation.addAnswered(stored) : conversation.add(stored);
        send(ServerEvents.conversationItem("conversation.item.added", previous, stored));
        send(ServerEvents.conversationItem("conversation.item.done", previous, stored));
    }

    /** The client played only part of an answer: the conversation keeps only the words that were heard. */
    private void truncateItem(JsonNode event, String eventId) {
        String itemId = event.path("item_id").asText();
        ObjectNode item = conversation.get(itemId);
        if (item == null) {
            send(ServerEvents.error("invalid_request_error", "item_not_found", "no item with id " + itemId, "item_id", eventId));
            return;
        }
        long heardMs = event.path("audio_end_ms").asLong();
        JsonNode part = item.path("content").path(0);
        if (part instanceof ObjectNode content && content.has("transcript")) {
            content.put("transcript", HeardText.upTo(content.path("transcript").asText(""), heardMs));
        }
        send(ServerEvents.event("conversation.item.truncated").put("item_id", itemId)
                .put("content_index", event.path("content_index").asInt()).put("audio_end_ms", heardMs));
    }

    private void deleteItem(String itemId, String eventId) {
        if (conversation.remove(itemId)) {
            send(ServerEvents.event("conversation.item.deleted").put("item_id", itemId));
        } else {
            send(ServerEvents.error("invalid_request_error", "item_not_found", "no item with id " + itemId, "item_id", eventId));
        }
    }

    private void retrieveItem(String itemId, String eventId) {
        ObjectNode item = conversation.get(itemId);
        if (item == null) {
            send(ServerEvents.error("invalid_request_error", "item_not_found", "no item with id " + itemId, "item_id", eventId));
            return;
        }
        ObjectNode retrieved = ServerEvents.event("conversation.item.retrieved");
        retrieved.set("item", item.deepCopy());
        send(retrieved);
    }

    private void createResponse(String eventId) {
        if (activeResponse != null && !activeResponse.finished()) {
            send(ServerEvents.error("invalid_request_error", "conversation_already_has_active_response",
                    "a response is already in progress; cancel it first", null, eventId));
            return;
        }
        List<ObjectNode> fresh = conversation.takeUnanswered();
        List<String> toolOutputs = new ArrayList<>();
        String userText = null;
        for (ObjectNode item : fresh) {
            if (item.path("type").asText().equals("function_call_output")) {
                toolOutputs.add(item.path("output").asText(""));
            } else if (item.path("role").asText().equals("user")) {
                userText = UserText.of(item);
                toolOutputs.clear(); // the shopper moved on: outputs for an older question no longer matter
            }
        }
        AssistantStep step;
        if (userText != null) {
            step = userText.isBlank() ? new AssistantStep.Say("Sorry, I didn't catch that. Could you say it again?")
                    : assistant.onUserTurn(userText);
        } else if (!toolOutputs.isEmpty()) {
            step = assistant.onToolOutputs(toolOutputs);
        } else {
            step = assistant.onNothingNew();
        }
        ResponseRun response = new ResponseRun(this, settings.outputAudio(), settings.voice(),
                ServerEvents.Usage.words(userText));
        activeResponse = response;
        switch (step) {
            case AssistantStep.CallTools calls -> response.callTools(calls.calls());
            case AssistantStep.Say say -> response.say(say.text());
        }
    }

    private void cancelResponse(String eventId) {
        if (activeResponse == null || activeResponse.finished()) {
            send(ServerEvents.error("invalid_request_error", "response_cancel_not_active", "there is no response in "
                    + "progress to cancel", null, eventId));
            return;
        }
        activeResponse.cancel("client_cancelled");
        assistant.cancelPending();
    }

    /** Ends the open speech turn: its item is committed, transcribed, and answered when turn detection asks for it. */
    private void commitSpeechTurn(boolean respond) {
        String itemId = speechItemId;
        SpeechTurn turn = speech;
        speech = null;
        speechItemId = null;
        ObjectNode committed = ServerEvents.event("input_audio_buffer.committed").put("item_id", itemId);
        String previous = conversation.lastItemId();
        if (previous == null) {
            committed.putNull("previous_item_id");
        } else {
            committed.put("previous_item_id", previous);
        }
        send(committed);
        ObjectNode item = ServerEvents.userMessage(itemId, "input_audio", null);
        conversation.add(item);
        send(ServerEvents.conversationItem("conversation.item.added", previous, item));
        send(ServerEvents.conversationItem("conversation.item.done", previous, item));
        finishRecognition(turn, item, respond);
    }

    /** Transcribes the committed turn (retrying on the timer while every decoder is busy), then answers it. */
    private void finishRecognition(SpeechTurn turn, ObjectNode item, boolean respond) {
        if (closed) {
            turn.close();
            return;
        }
        SpeechTurn.Recognition recognition = turn.tryFinish();
        if (recognition.pending()) {
            resources.timers().schedule(() -> lane.execute(() -> finishRecognition(turn, item, respond)), DECODER_RETRY_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        Optional<String> transcript = recognition.transcript();
        ((ObjectNode) item.path("content").path(0)).put("transcript", transcript.orElse(""));
        if (settings.transcriptionEnabled()) {
            sendTranscription(item.path("id").asText(), transcript, turn.durationMs());
        }
        if (respond) {
            createResponse(null);
        }
    }

    private void sendTranscription(String itemId, Optional<String> transcript, long durationMs) {
        if (transcript.isEmpty()) {
            ObjectNode failed = ServerEvents.event("conversation.item.input_audio_transcription.failed").put("item_id", itemId)
                    .put("content_index", 0);
            failed.putObject("error").put("type", "server_error").put("code", "transcription_unavailable")
                    .put("message", "speech recognition is not available on this server; type your question instead")
                    .putNull("param");
            send(failed);
            return;
        }
        if (!transcript.get().isEmpty()) {
            send(ServerEvents.event("conversation.item.input_audio_transcription.delta").put("item_id", itemId)
                    .put("content_index", 0).put("delta", transcript.get()));
        }
        ObjectNode completed = ServerEvents.event("conversation.item.input_audio_transcription.completed")
                .put("item_id", itemId).put("content_index", 0).put("transcript", transcript.get());
        completed.putObject("usage").put("type", "duration").put("seconds", Math.max(1, Math.round(durationMs / 1000.0)));
        send(completed);
    }

    private void endSpeechTurn() {
        if (speech != null) {
            speech.close();
            speech = null;
            speechItemId = null;
        }
    }

    /** Turn detection's callbacks, on the lane (they run inside TurnDetector.accept). */
    private final class TurnListener implements TurnDetector.Listener {

        @Override
        public void speechStarted(long audioStartMs, short[] audio) {
            speechItemId = Ids.next("item");
            send(ServerEvents.event("input_audio_buffer.speech_started").put("audio_start_ms", audioStartMs)
                    .put("item_id", speechItemId));
            if (activeResponse != null && !activeResponse.finished() && settings.interruptResponseOnSpeech()) {
                activeResponse.cancel("turn_detected");
                assistant.cancelPending();
            }
            speech = new SpeechTurn(resources.recognizer());
            speech.accept(audio);
        }

        @Override
        public void speechAudio(short[] audio) {
            if (speech != null) {
                speech.accept(audio);
            }
        }

        @Override
        public void speechStopped(long audioEndMs) {
            if (speech == null) {
                return;
            }
            send(ServerEvents.event("input_audio_buffer.speech_stopped").put("audio_end_ms", audioEndMs)
                    .put("item_id", speechItemId));
            commitSpeechTurn(settings.createResponseOnTurnEnd());
        }
    }

    // SessionContext, for the responses

    @Override
    public void send(ObjectNode event) {
        events.accept(event.toString());
    }

    @Override
    public Executor lane() {
        return lane;
    }

    @Override
    public ScheduledExecutorService timers() {
        return resources.timers();
    }

    @Override
    public Optional<SpeechSynthesizer> synthesizer() {
        return resources.synthesizer();
    }

    @Override
    public Conversation conversation() {
        return conversation;
    }

    @Override
    public void responseFinished(ResponseRun response) {
        if (activeResponse == response) {
            activeResponse = null;
        }
    }
}
