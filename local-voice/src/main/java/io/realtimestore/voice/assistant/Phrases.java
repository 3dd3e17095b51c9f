package io.realtimestore.voice.assistant;

import java.util.Locale;
import java.util.regex.Pattern;

/** Text as the assistant reads it: lower case, words separated by single spaces, no punctuation but $ and decimals. */
final class Phrases {

    private static final Pattern APOSTROPHES = Pattern.compile("['’]");
    private static final Pattern NOT_WORDS = Pattern.compile("[^a-z0-9$.,]+");
    private static final Pattern LOOSE_PUNCTUATION = Pattern.compile("(?<![0-9])[.,]|[.,](?![0-9])");

    private Phrases() {
    }

    static String normalize(String text) {
        String lower = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        String spaced = NOT_WORDS.matcher(lower).replaceAll(" ");
        return LOOSE_PUNCTUATION.matcher(spaced).replaceAll(" ").trim().replaceAll(" +", " ");
    }

    /** Whether {@code text} (normalized) contains {@code phrase} as whole words. */
    static boolean has(String text, String phrase) {
        int at = (" " + text + " ").indexOf(" " + phrase + " ");
        return at >= 0;
    }

    static boolean hasAny(String text, String... phrases) {
        for (String phrase : phrases) {
            if (has(text, phrase)) {
                return true;
            }
        }
        return false;
    }

    /** "sleeping bags" → "sleeping bag", "boxes" → "box", "glasses" stays: good enough for catalog words. */
    static String singular(String word) {
        if (word.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 3) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** Every word made singular, so "sleeping bags" and "sleeping bag" compare equal. */
    static String singularWords(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(singular(word));
        }
        return out.toString();
    }
}
