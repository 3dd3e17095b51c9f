package io.realtimestore.voice.stt;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog text as it is spoken: "Maxcell 20000 65W Laptop Power Bank" → "maxcell twenty thousand sixty five watt
 * laptop power bank", "Tough TX5" → "tough tx five" with "tx" read letter by letter. The recognizer's words are
 * lowercase, so everything here is too.
 */
final class SpokenText {

    /** One catalog text as spoken words: its readings (one, or two when a number has a paired reading). */
    record Spoken(List<String> readings, Set<String> spelledOutWords) {
    }

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("w", "watt"), Map.entry("wh", "watt hour"), Map.entry("kwh", "kilowatt hour"),
            Map.entry("mah", "milliamp hour"), Map.entry("v", "volt"), Map.entry("l", "liter"),
            Map.entry("ml", "milliliter"), Map.entry("mm", "millimeter"), Map.entry("cm", "centimeter"),
            Map.entry("m", "meter"), Map.entry("km", "kilometer"), Map.entry("kg", "kilogram"),
            Map.entry("g", "gram"), Map.entry("oz", "ounce"), Map.entry("lb", "pound"), Map.entry("lbs", "pounds"),
            Map.entry("db", "decibel"), Map.entry("mp", "megapixel"), Map.entry("gb", "gigabyte"),
            Map.entry("hz", "hertz"));
    private static final Pattern RUN = Pattern.compile("(\\d+(?:\\.\\d+)?)|(\\p{L}[\\p{L}']*)");
    /** "Wi-Fi", "hi-fi": two-letter syllables joined by a hyphen are one word (and one cmudict entry). */
    private static final Pattern SHORT_HYPHENATED = Pattern.compile("\\p{L}{2}(-\\p{L}{2})+");
    private static final Pattern NO_VOWEL = Pattern.compile("[^aeiouy]+");

    private SpokenText() {
    }

    static Spoken of(String written) {
        List<Token> tokens = tokens(written);
        Set<String> readings = new LinkedHashSet<>();
        readings.add(join(tokens, false));
        readings.add(join(tokens, true));
        readings.remove("");
        Set<String> spelled = new LinkedHashSet<>();
        tokens.stream().filter(Token::spelledOut).forEach(token -> spelled.add(token.readings().getFirst()));
        return new Spoken(List.copyOf(readings), spelled);
    }

    /** One word of the spoken text: its readings, and whether it is said letter by letter. */
    private record Token(List<String> readings, boolean spelledOut, boolean isNumber) {
        static Token word(String word) {
            return new Token(List.of(word), false, false);
        }
    }

    private static String join(List<Token> tokens, boolean alternativeReadings) {
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            words.add(alternativeReadings ? token.readings().getLast() : token.readings().getFirst());
        }
        return String.join(" ", words);
    }

    private static List<Token> tokens(String written) {
        String text = Normalizer.normalize(written, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("&", " and ").replace("+", " plus ").replace("%", " percent ").replace("@", " at ")
                .replace('/', ' ').replaceAll("[^\\p{L}\\d\\s'.-]", " ");
        List<Token> tokens = new ArrayList<>();
        for (String raw : text.trim().split("\\s+")) {
            addRawToken(raw, tokens);
        }
        return tokens;
    }

    private static void addRawToken(String raw, List<Token> tokens) {
        String token = raw.replaceAll("^['.]+|['.-]+$", "");
        if (token.startsWith("-") && token.length() > 1 && Character.isDigit(token.charAt(1))) {
            tokens.add(Token.word("minus"));
            token = token.substring(1);
        }
        if (SHORT_HYPHENATED.matcher(token).matches() && !isUpperCase(token)) {
            tokens.add(Token.word(token.toLowerCase(Locale.ROOT)));
            return;
        }
        for (String part : token.split("-+")) {
            addPart(part, tokens);
        }
    }

    /** A hyphen-free part: runs of digits and letters ("100W" → 100, W; "IPX7" → IPX, 7). */
    private static void addPart(String part, List<Token> tokens) {
        Matcher runs = RUN.matcher(part);
        boolean attachedToDigits = part.chars().anyMatch(Character::isDigit);
        while (runs.find()) {
            if (runs.group(1) != null) {
                String digits = runs.group(1);
                List<String> readings = digits.contains(".") ? List.of(NumberWords.decimal(digits))
                        : NumberWords.readings(Long.parseLong(digits));
                tokens.add(new Token(readings, false, true));
                continue;
            }
            String letters = runs.group(2);
            String lower = letters.toLowerCase(Locale.ROOT);
            boolean afterNumber = !tokens.isEmpty() && tokens.getLast().isNumber();
            if (afterNumber && UNITS.containsKey(lower)) {
                for (String unitWord : UNITS.get(lower).split(" ")) {
                    tokens.add(Token.word(unitWord));
                }
            } else if (letters.length() > 1 && !letters.contains("'") && (isUpperCase(letters) && letters.length() <= 4
                    || attachedToDigits && letters.length() <= 3 || NO_VOWEL.matcher(lower).matches())) {
                // an acronym (LED, gnss), or a model code next to digits (TX5, ipx7): said letter by letter; longer
                // capitalised words are names written in capitals, said as words
                tokens.add(new Token(List.of(lower), true, false));
            } else {
                tokens.add(Token.word(lower));
            }
        }
    }

    private static boolean isUpperCase(String text) {
        return text.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }
}
