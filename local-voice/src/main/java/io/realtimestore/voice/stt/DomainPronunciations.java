package io.realtimestore.voice.stt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dictionary entries the catalog's words need on top of cmudict:
 * <ul>
 *   <li>words cmudict lacks: a compound of two cmudict words when the word splits into two ("ultralight" = ultra +
 *   light, "terravolt" = terra + volt), and the letter-to-sound pronunciation; both are kept when they differ, since
 *   people say invented brand names either way;</li>
 *   <li>acronyms said letter by letter ("led" as L-E-D, next to cmudict's "led" as in "lead"); only that way, since
 *   letter-to-sound rules make nonsense of them ("gnss" → N S).</li>
 * </ul>
 */
final class DomainPronunciations {

    /** Shorter compound parts are too often accidental ("ter" + "ravolt"). */
    private static final int MIN_COMPOUND_PART = 3;
    private static final String[] LETTERS = {"EY", "B IY", "S IY", "D IY", "IY", "EH F", "JH IY", "EY CH", "AY",
            "JH EY", "K EY", "EH L", "EH M", "EH N", "OW", "P IY", "K Y UW", "AA R", "EH S", "T IY", "Y UW", "V IY",
            "D AH B AH L Y UW", "EH K S", "W AY", "Z IY"};

    private final CmuDictionary cmudict;
    private final LetterToSound letterToSound;

    DomainPronunciations(CmuDictionary cmudict, LetterToSound letterToSound) {
        this.cmudict = cmudict;
        this.letterToSound = letterToSound;
    }

    /** The entries to add for these words; words cmudict already says right need none. */
    List<DictionaryEntry> entriesFor(Collection<String> words, Set<String> spelledOutWords) {
        List<DictionaryEntry> entries = new ArrayList<>();
        for (String word : words) {
            List<String> known = cmudict.pronunciations(word);
            Set<String> wanted = new LinkedHashSet<>();
            if (spelledOutWords.contains(word)) {
                spelledOut(word).ifPresent(wanted::add);
            } else if (known.isEmpty()) {
                wanted.addAll(pronounceUnknown(word));
            }
            wanted.removeAll(known);
            int alternative = known.size();
            for (String phones : wanted) {
                alternative++;
                entries.add(new DictionaryEntry(alternative == 1 ? word : word + "(" + alternative + ")", phones));
            }
        }
        return entries;
    }

    private List<String> pronounceUnknown(String word) {
        if (word.contains("-")) {
            // "usb-c": each part on its own, joined
            StringBuilder phones = new StringBuilder();
            for (String part : word.split("-+")) {
                Optional<String> partPhones = part.isEmpty() ? Optional.of("") : cmudict.pronunciations(part).stream()
                        .findFirst().or(() -> letterToSound.pronounce(part));
                if (partPhones.isEmpty()) {
                    return List.of();
                }
                phones.append(' ').append(partPhones.get());
            }
            return List.of(phones.toString().strip().replaceAll("\\s+", " "));
        }
        List<String> pronunciations = new ArrayList<>(3);
        compound(word).ifPresent(pronunciations::add);
        letterToSound.pronunciations(word).stream().filter(phones -> !pronunciations.contains(phones))
                .forEach(pronunciations::add);
        return pronunciations;
    }

    /** The most balanced split into two cmudict words, if there is one. */
    private Optional<String> compound(String word) {
        String best = null;
        int bestShorterPart = 0;
        for (int split = MIN_COMPOUND_PART; split <= word.length() - MIN_COMPOUND_PART; split++) {
            String head = word.substring(0, split);
            String tail = word.substring(split);
            int shorterPart = Math.min(head.length(), tail.length());
            if (shorterPart > bestShorterPart && cmudict.contains(head) && cmudict.contains(tail)) {
                best = joinWithoutDoubledPhone(cmudict.pronunciations(head).getFirst(),
                        cmudict.pronunciations(tail).getFirst());
                bestShorterPart = shorterPart;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "bass" + "line" is said with one S: B AE S L AY N, not B AE S S L AY N. */
    private static String joinWithoutDoubledPhone(String head, String tail) {
        String lastOfHead = head.substring(head.lastIndexOf(' ') + 1);
        String firstOfTail = tail.split(" ", 2)[0];
        return lastOfHead.equals(firstOfTail) ? head.substring(0, head.length() - lastOfHead.length()) + tail
                : head + " " + tail;
    }

    private static Optional<String> spelledOut(String word) {
        List<String> phones = new ArrayList<>();
        for (char letter : word.toLowerCase(Locale.ROOT).toCharArray()) {
            if (letter < 'a' || letter > 'z') {
                return Optional.empty();
            }
            phones.add(LETTERS[letter - 'a']);
        }
        return Optional.of(String.join(" ", phones));
    }
}
