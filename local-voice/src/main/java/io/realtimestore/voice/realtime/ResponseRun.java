package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.voice.assistant.ToolRequest;
import io.realtimestore.audio.Pcm16;
import io.realtimestore.audio.Resampler;
import io.realtimestore.voice.tts.SentenceSplitter;
import io.realtimestore.voice.tts.SpeakableText;
import io.realtimestore.voice.tts.SpeechSynthesizer;
import io.realtimestore.voice.tts.VoiceMap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One response: function calls (sent at once; the gateway runs them) or a spoken answer, synthesized sentence by
 * sentence and streamed as 24 kHz PCM16, paced a little ahead of playback. Pacing keeps a long answer "in
 * progress" while it plays, so speech from the shopper (or response.cancel) stops what has not been sent.
 */
final class ResponseRun {

    private static final Logger LOG = Logger.getLogger(ResponseRun.class);
    static final int OUTPUT_RATE = 24_000;
    private static final int CHUNK_MS = 100;
    private static final int CHUNK_BYTES = OUTPUT_RATE * 2 * CHUNK_MS / 1000;
    /**
     * The stream runs ahead of playback like a cloud model's does (twice real time, after a first 800 ms), so a
     * client buffers a little, while a long answer is still in progress when the shopper interrupts it.
     */
    private static final long LEAD_MS = 800;
    private static final int PACE = 2;
    private static final long TICK_MS = 40;

    private final SessionContext session;
    private final String id = Ids.next("resp");
    private final boolean audio;
    private final String voice;
    private final int inputTokens;
    private final ArrayNode output = ServerEvents.JSON.createArrayNode();
    private String itemId;
    private final Deque<String> sentencesToSpeak = new ArrayDeque<>();
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    /** Synthesized audio short of a whole chunk, waiting for the next piece of the same sentence. */
    private final ByteArrayOutputStream pendingAudio = new ByteArrayOutputStream();
    private final StringBuilder transcriptSent = new StringBuilder();
    private long audioSentMs;
    private long startedNanos;
    private ScheduledFuture<?> ticker;
    private boolean finished;

    ResponseRun(SessionContext session, boolean audio, String voice, int inputTokens) {
        this.session = session;
        this.audio = audio;
        this.voice = voice;
        this.inputTokens = inputTokens;
    }

    String id() {
        return id;
    }

    boolean finished() {
        return finished;
    }

    void callTools(List<ToolRequest> calls) {
        session.send(ServerEvents.event("response.created").set("response",
                ServerEvents.response(id, "in_progress", null, ServerEvents.JSON.createArrayNode(), audio, null)));
        for (int index = 0; index < calls.size(); index++) {
            ToolRequest call = calls.get(index);
            String callItemId = Ids.next("item");
            String callId = Ids.next("call");
            ObjectNode started = ServerEvents.functionCall(callItemId, "in_progress", callId, call.name(), "");
            session.send(ServerEvents.outputItem("response.output_item.added", id, index, started));
            String previous = session.conversation().addAnswered(
                    ServerEvents.functionCall(callItemId, "completed", callId, call.name(), call.arguments()));
            session.send(ServerEvents.conversationItem("conversation.item.added", previous, started));
            session.send(ServerEvents.event("response.function_call_arguments.delta").put("response_id", id)
                    .put("item_id", callItemId).put("output_index", index).put("call_id", callId).put("delta", call.arguments()));
            session.send(ServerEvents.event("response.function_call_arguments.done").put("response_id", id)
                    .put("item_id", callItemId).put("output_index", index).put("call_id", callId).put("name", call.name())
                    .put("arguments", call.arguments()));
            ObjectNode done = ServerEvents.functionCall(callItemId, "completed", callId, call.name(), call.arguments());
            session.send(ServerEvents.outputItem("response.output_item.done", id, index, done));
            session.send(ServerEvents.conversationItem("conversation.item.done", previous, done));
            output.add(done);
        }
        complete("completed", null, calls.stream().mapToInt(call -> ServerEvents.Usage.words(call.arguments())).sum());
    }

    void say(String text) {
        startedNanos = System.nanoTime();
        itemId = Ids.next("item");
        session.send(ServerEvents.event("response.created").set("response",
                ServerEvents.response(id, "in_progress", null, ServerEvents.JSON.createArrayNode(), audio, null)));
        ObjectNode item = ServerEvents.assistantMessage(itemId, "in_progress", audio, null);
        session.send(ServerEvents.outputItem("response.output_item.added", id, 0, item));
        String previous = session.conversation().addAnswered(ServerEvents.assistantMessage(itemId, "in_progress", audio, ""));
        session.send(ServerEvents.conversationItem("conversation.item.added", previous, item));
        ObjectNode part = ServerEvents.contentEvent("response.content_part.added", id, itemId, 0);
        part.putObject("part").put("type", audio ? "audio" : "text").put(audio ? "transcript" : "text", "");
        session.send(part);
        sentencesToSpeak.addAll(firstClauseApart(SentenceSplitter.sentences(text)));
        if (!audio || session.synthesizer().isEmpty()) {
            while (!sentencesToSpeak.isEmpty()) {
                sendTranscript(sentencesToSpeak.poll());
            }
            finishAnswer("completed", null);
            return;
        }
        tick();
        if (!finished) {
            ticker = session.timers().scheduleAtFixedRate(() -> session.lane().execute(this::tick), TICK_MS, TICK_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A long first sentence is spoken in two parts, split at its first comma: synthesis time grows with length, and
     * the first part is what the shopper waits for.
     */
    static List<String> firstClauseApart(List<String> sentences) {
        if (sentences.isEmpty()) {
            return sentences;
        }
        String first = sentences.get(0);
        int comma = first.indexOf(", ");
        if (first.split(" ").length <= 8 || comma < 0 || first.substring(0, comma).split(" ").length < 3) {
            return sentences;
        }
        List<String> parts = new java.util.ArrayList<>(sentences.size() + 1);
        parts.add(first.substring(0, comma + 1));
        parts.add(first.substring(comma + 2));
        parts.addAll(sentences.subList(1, sentences.size()));
        return parts;
    }

    /** Sends what real time allows, synthesizing the next sentence when the queue runs dry. */
    private void tick() {
        if (finished) {
            return;
        }
        sendAllowedAudio();
        while (chunks.isEmpty() && audioSentMs < allowedMs()) {
            if (sentencesToSpeak.isEmpty()) {
                finishAnswer("completed", null);
                return;
            }
            String sentence = sentencesToSpeak.poll();
            sendTranscript(sentence);
            synthesize(sentence);
        }
    }

    private long allowedMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000 * PACE + LEAD_MS;
    }

    private void sendAllowedAudio() {
        while (!chunks.isEmpty() && audioSentMs < allowedMs()) {
            byte[] chunk = chunks.poll();
            session.send(ServerEvents.contentEvent("response.output_audio.delta", id, itemId, 0)
                    .put("delta", Base64.getEncoder().encodeToString(chunk)));
            audioSentMs += chunk.length * 1000L / (OUTPUT_RATE * 2);
        }
    }

    /**
     * Synthesizes one sentence, sending its audio as the synthesizer streams it (the first 100 ms of a sentence is
     * ready after about a quarter of its synthesis time), as far as the pacing allows; the rest waits in the queue.
     */
    private void synthesize(String sentence) {
        SpeechSynthesizer synthesizer = session.synthesizer().orElseThrow();
        Resampler[] resampler = {null};
        try {
            synthesizer.synthesize(SpeakableText.of(sentence), VoiceMap.engineVoice(voice, synthesizer.voices()),
                    (samples, sampleRate) -> {
                        if (resampler[0] == null) {
                            resampler[0] = new Resampler(sampleRate, OUTPUT_RATE);
                        }
                        queueAudio(resampler[0].process(samples), false);
                        sendAllowedAudio();
                    });
        } catch (RuntimeException failure) {
            LOG.warnf("Speech synthesis failed for a sentence (%s); sending its text only", failure.toString());
        }
        queueAudio(resampler[0] == null ? new short[0] : resampler[0].flush(), true);
    }

    /** Cuts the audio into whole chunks; a rest waits for the next piece, or is a last short chunk at the sentence's end. */
    private void queueAudio(short[] samples24k, boolean sentenceEnd) {
        pendingAudio.writeBytes(Pcm16.toLittleEndian(samples24k));
        byte[] pcm = pendingAudio.toByteArray();
        pendingAudio.reset();
        int offset = 0;
        for (; offset + CHUNK_BYTES <= pcm.length; offset += CHUNK_BYTES) {
            chunks.add(Arrays.copyOfRange(pcm, offset, offset + CHUNK_BYTES));
        }
        if (sentenceEnd && offset < pcm.length) {
            chunks.add(Arrays.copyOfRange(pcm, offset, pcm.length));
        } else {
            pendingAudio.write(pcm, offset, pcm.length - offset);
        }
    }

    private void sendTranscript(String sentence) {
        String delta = (transcriptSent.isEmpty() ? "" : " ") + sentence;
        transcriptSent.append(delta);
        session.send(ServerEvents.contentEvent(audio ? "response.output_audio_transcript.delta" : "response.output_text.delta",
                id, itemId, 0).put("delta", delta));
    }

    /** Stops the answer where it is: "turn_detected" (the shopper spoke) or "client_cancelled". */
    void cancel(String reason) {
        if (finished) {
            return;
        }
        if (itemId == null) {
            complete("cancelled", reason, 0);
            return;
        }
        finishAnswer("cancelled", reason);
    }

    private void finishAnswer(String status, String cancelReason) {
        if (ticker != null) {
            ticker.cancel(false);
        }
        String transcript = transcriptSent.toString();
        if (audio) {
            session.send(ServerEvents.contentEvent("response.output_audio.done", id, itemId, 0));
            session.send(ServerEvents.contentEvent("response.output_audio_transcript.done", id, itemId, 0)
                    .put("transcript", transcript));
        } else {
            session.send(ServerEvents.contentEvent("response.output_text.done", id, itemId, 0).put("text", transcript));
        }
        ObjectNode part = ServerEvents.contentEvent("response.content_part.done", id, itemId, 0);
        part.putObject("part").put("type", audio ? "audio" : "text").put(audio ? "transcript" : "text", transcript);
        session.send(part);
        String itemStatus = status.equals("completed") ? "completed" : "incomplete";
        ObjectNode item = ServerEvents.assistantMessage(itemId, itemStatus, audio, transcript);
        session.send(ServerEvents.outputItem("response.output_item.done", id, 0, item));
        ObjectNode stored = session.conversation().get(itemId);
        if (stored != null) {
            stored.setAll(item);
        }
        session.send(ServerEvents.conversationItem("conversation.item.done", null, item));
        output.add(item);
        int textTokens = ServerEvents.Usage.words(transcript);
        complete(status, cancelReason, textTokens + (int) (audioSentMs / CHUNK_MS));
    }

    private void complete(String status, String cancelReason, int outputTokens) {
        finished = true;
        ServerEvents.Usage usage = new ServerEvents.Usage(inputTokens, Math.min(outputTokens, ServerEvents.Usage.words(
                transcriptSent.toString())), outputTokens);
        session.send(ServerEvents.event("response.done").set("response",
                ServerEvents.response(id, status, cancelReason, output, audio, usage)));
        session.responseFinished(this);
    }
}
