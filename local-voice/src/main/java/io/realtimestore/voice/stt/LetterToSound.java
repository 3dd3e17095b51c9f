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

/**
 * Pronunciations for words no dictionary has ("terravolt", "pixelfjord"), from the CMU letter-to-sound rules that
 * ship in the FreeTTS jar, converted to the phone set of the PocketSphinx en-us acoustic model. Flite and Festival
 * use rules of the same family, so synthetic test speech and these pronunciations agree.
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

    LetterToSound() {
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

    /** The word's pronunciation as space-separated sphinx phones, or empty when the rules give nothing usable. */
    Optional<String> pronounce(String word) {
        String letters = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (letters.isEmpty()) {
            return Optional.empty();
        }
        List<String> phones = new ArrayList<>();
        for (String symbol : rules.getPhones(letters, null)) {
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
