package io.realtimestore.voice.stt;

import java.time.Duration;

/**
 * Offline speech-to-text for shopping queries. Thread-safe: each {@link Utterance} runs on its own decoder, and the
 * recognizer hands out at most as many utterances at a time as it has decoders.
 */
public interface SpeechRecognizer extends AutoCloseable {

    /** A short description for logs and diagnostics, e.g. "pocketsphinx (general+catalog LM)". */
    String name();

    /**
     * Takes a free decoder for one utterance, waiting at most {@code maxWait}.
     *
     * @throws RecognizerBusyException if no decoder frees up in time
     * @throws IllegalStateException   if the recognizer is closed
     */
    Utterance begin(Duration maxWait) throws RecognizerBusyException;

    /**
     * Rebuilds the domain LM from this vocabulary and swaps it into every decoder as each is next free; in-flight
     * utterances finish on the old one. Implementations say whether this runs in the background or on the caller's
     * thread. A vocabulary that does not {@linkplain CatalogVocabulary#differsMateriallyFrom differ materially} from
     * the last one requested is ignored.
     */
    void useVocabulary(CatalogVocabulary vocabulary);

    /** Like {@link #useVocabulary}, completing once every decoder has the new language model. */
    default java.util.concurrent.CompletableFuture<Void> updateVocabulary(CatalogVocabulary vocabulary) {
        useVocabulary(vocabulary);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Frees the decoders. Utterances still open keep their decoder until they are closed. */
    @Override
    void close();
}
