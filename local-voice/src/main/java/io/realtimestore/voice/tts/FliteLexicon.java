package io.realtimestore.voice.tts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flite's own pronunciations: its CMU lexicon and, for words it lacks ("terravolt", "voltaric"), its letter-to-sound
 * rules, which are newer than the ones in the FreeTTS jar and often disagree with them on invented brand names. The
 * recognizer adds them as alternatives, so either reading of a brand name is understood.
 */
public final class FliteLexicon {

    private final FliteLibrary library;

    private FliteLexicon(FliteLibrary library) {
        this.library = library;
    }

    /** The lexicon, or empty when libflite is not installed (the caller goes on without it). */
    public static Optional<FliteLexicon> load() {
        try {
            return Optional.of(new FliteLexicon(FliteLibrary.shared()));
        } catch (SynthesizerUnavailableException missing) {
            return Optional.empty();
        }
    }

    /** Flite's phones for one word, as it writes them ("t", "er1", "ax"); empty when it has none. */
    public List<String> phones(String word) {
        return library.lexiconPhones(word.toLowerCase(Locale.ROOT));
    }
}
