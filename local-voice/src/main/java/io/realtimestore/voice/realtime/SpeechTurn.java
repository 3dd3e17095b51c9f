package io.realtimestore.voice.realtime;

import io.realtimestore.voice.stt.RecognizerBusyException;
import io.realtimestore.voice.stt.SpeechRecognizer;
import io.realtimestore.voice.stt.Utterance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The recognition of one user turn. Audio streams into a decoder while the shopper speaks, so little is left to
 * decode when the turn ends. Decoders are pooled and scarce: if none is free when speech starts, the audio is
 * kept (bounded) and decoded once one frees up.
 */
final class SpeechTurn implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SpeechTurn.class);
    /** The longest turn kept while waiting for a decoder: 60 s at 16 kHz. */
    private static final int MAX_WAITING_SAMPLES = 60 * InputDecoder.RECOGNIZER_RATE;
    private static final Duration WAIT_AT_END = Duration.ofSeconds(5);
    /** While waiting for a decoder, one is asked for every ~100 ms of audio (appends are ~20 ms each). */
    private static final int RETRY_EVERY_APPENDS = 5;

    private final Optional<SpeechRecognizer> recognizer;
    private Utterance utterance;
    /** Audio kept while no decoder was free, in arrival order. */
    private final List<short[]> waiting = new ArrayList<>();
    private int waitingSamples;
    private long samples;
    private long giveUpAtNanos;
    private int appendsSinceTry;

    SpeechTurn(Optional<SpeechRecognizer> recognizer) {
        this.recognizer = recognizer;
        if (!takeFreeDecoder()) {
            LOG.debug("No free decoder at the start of a turn; keeping the audio until one frees up");
        }
    }

    void accept(short[] audio) {
        samples += audio.length;
        if (utterance == null && recognizer.isPresent() && ++appendsSinceTry >= RETRY_EVERY_APPENDS) {
            appendsSinceTry = 0;
            takeFreeDecoder(); // as soon as one frees up, catch up on the kept audio and stream again
        }
        if (utterance != null) {
            utterance.accept(audio);
        } else if (recognizer.isPresent() && waitingSamples + audio.length <= MAX_WAITING_SAMPLES) {
            waiting.add(audio);
            waitingSamples += audio.length;
        }
    }

    /** Takes a decoder if one is free now and feeds it the audio kept so far. */
    private boolean takeFreeDecoder() {
        if (recognizer.isEmpty()) {
            return false;
        }
        try {
            utterance = recognizer.get().begin(Duration.ZERO);
        } catch (RecognizerBusyException busy) {
            return false;
        }
        waiting.forEach(utterance::accept);
        waiting.clear();
        waitingSamples = 0;
        return true;
    }

    long durationMs() {
        return samples * 1000 / InputDecoder.RECOGNIZER_RATE;
    }

    /** The outcome of {@link #tryFinish()}: still waiting for a decoder, or done with a transcript if there is one. */
    record Recognition(boolean pending, Optional<String> transcript) {

        static final Recognition PENDING = new Recognition(true, Optional.empty());
        static final Recognition NONE = new Recognition(false, Optional.empty());

        static Recognition of(String transcript) {
            return new Recognition(false, Optional.of(transcript));
        }
    }

    /**
     * Ends the recognition without waiting: the transcript ("" when nothing was recognised), none when no recogniser
     * is installed or none freed up in time, or pending while every decoder is still busy (try again shortly: a
     * session lane must never block on the pool, or busy lanes could starve the turns that hold the decoders).
     */
    Recognition tryFinish() {
        if (recognizer.isEmpty()) {
            return Recognition.NONE;
        }
        if (utterance == null && !takeFreeDecoder()) {
            if (giveUpAtNanos == 0) {
                giveUpAtNanos = System.nanoTime() + WAIT_AT_END.toNanos();
            }
            if (System.nanoTime() < giveUpAtNanos) {
                return Recognition.PENDING;
            }
            LOG.warn("Every speech decoder stayed busy for " + WAIT_AT_END.toSeconds() + " s; this turn was not transcribed");
            return Recognition.NONE;
        }
        try {
            return Recognition.of(utterance.finish().strip());
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (utterance != null) {
            utterance.close();
            utterance = null;
        }
    }
}
