package io.realtimestore.voice.stt;

import com.sun.speech.freetts.lexicon.LetterToSoundImpl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.realtimestore.voice.tts.FliteLexicon;

/**
 * Pronunciations for words no dictionary has ("terravolt", "pixelfjord"), from the CMU letter-to-sound rules that
 * ship in the FreeTTS jar and, when libflite is installed, from flite's newer rules of the same family, converted to
 * the phone set of the PocketSphinx en-us acoustic model. The two disagree on many invented names (FreeTTS says
 * "voltaric" as V OW L T AE R IH K, flite as V OW L T R IH K), and people do too, so both readings are kept.
 */
final class LetterToSound {

    /** The 39 phones of the en-us acoustic model (CMU ARPAbet without stress). */
    static final Set<String> SPHINX_PHONES = Set.of("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH",
            "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH",
            "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH");
    /** FreeTTS symbols that are not speech sounds. */
    private static final Set<String> SILENT = Set.of("PAU", "EPSILON", "H#", "_");
    private static final String RULES = "com/sun/speech/freetts/en/us/cmulex_lts.bin";

    private final LetterToSoundImpl rules;
    private final Optional<FliteLexicon> flite;

    /** FreeTTS's rules only. */
    LetterToSound() {
        this(Optional.empty());
    }

    LetterToSound(Optional<FliteLexicon> flite) {
        this.flite = flite;
        URL resource = LetterToSound.class.getClassLoader().getResource(RULES);
        if (resource == null) {
            throw new IllegalStateException(RULES + " is not on the class path (Maven: net.sf.sociaal:freetts)");
        }
        try {
            rules = new LetterToSoundImpl(resource, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the letter-to-sound rules " + resource, e);
        }
    }

    /** The word's pronunciation by FreeTTS's rules as space-separated sphinx phones, or empty when there is none. */
    Optional<String> pronounce(String word) {
        String letters = letters(word);
        return letters.isEmpty() ? Optional.empty() : sphinxPhones(List.of(rules.getPhones(letters, null)));
    }

    /** Every distinct pronunciation the rule sets give: FreeTTS's first, then flite's. */
    List<String> pronunciations(String word) {
        List<String> all = new ArrayList<>(2);
        pronounce(word).ifPresent(all::add);
        String letters = letters(word);
        flite.filter(lexicon -> !letters.isEmpty()).flatMap(lexicon -> sphinxPhones(lexicon.phones(letters)))
                .filter(phones -> !all.contains(phones)).ifPresent(all::add);
        return all;
    }

    private static String letters(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** FreeTTS and flite symbols → sphinx phones; empty when a symbol is not one of the acoustic model's phones. */
    private static Optional<String> sphinxPhones(List<String> symbols) {
        List<String> phones = new ArrayList<>();
        for (String symbol : symbols) {
            // "ey1" → EY (stress digits dropped), "k-s" → K S, "ax" (schwa) → AH as cmudict writes it
            for (String part : symbol.toUpperCase(Locale.ROOT).replaceAll("\\d", "").split("-")) {
                String phone = part.equals("AX") ? "AH" : part;
                if (SILENT.contains(phone) || phone.isEmpty()) {
                    continue;
                }
                if (!SPHINX_PHONES.contains(phone)) {
                    return Optional.empty();
                }
                phones.add(phone);
            }
        }
        return phones.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", phones));
    }
}
