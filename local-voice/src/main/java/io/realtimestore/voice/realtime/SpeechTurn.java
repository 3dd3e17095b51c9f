package io.realtimestore.voice.realtime;

import io.realtimestore.voice.stt.RecognizerBusyException;
import io.realtimestore.voice.stt.SpeechRecognizer;
import io.realtimestore.voice.stt.Utterance;
import java.time.Duration;
import java.util.Arrays;
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

    private final Optional<SpeechRecognizer> recognizer;
    private Utterance utterance;
    private short[] waiting = new short[0];
    private long samples;

    SpeechTurn(Optional<SpeechRecognizer> recognizer) {
        this.recognizer = recognizer;
        recognizer.ifPresent(r -> {
            try {
                utterance = r.begin(Duration.ZERO);
            } catch (RecognizerBusyException busy) {
                LOG.debug("No free decoder at the start of a turn; keeping the audio until one frees up");
            }
        });
    }

    void accept(short[] audio) {
        samples += audio.length;
        if (utterance != null) {
            utterance.accept(audio);
        } else if (recognizer.isPresent() && waiting.length + audio.length <= MAX_WAITING_SAMPLES) {
            short[] grown = Arrays.copyOf(waiting, waiting.length + audio.length);
            System.arraycopy(audio, 0, grown, waiting.length, audio.length);
            waiting = grown;
        }
    }

    long durationMs() {
        return samples * 1000 / InputDecoder.RECOGNIZER_RATE;
    }

    /** The transcript; empty when nothing was recognised; absent when no recogniser is installed or none freed up. */
    Optional<String> finish() {
        if (recognizer.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (utterance == null) {
                utterance = recognizer.get().begin(WAIT_AT_END);
                utterance.accept(waiting);
                waiting = new short[0];
            }
            return Optional.of(utterance.finish().strip());
        } catch (RecognizerBusyException busy) {
            LOG.warn("Every speech decoder stayed busy for " + WAIT_AT_END.toSeconds() + " s; this turn was not transcribed");
            return Optional.empty();
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
