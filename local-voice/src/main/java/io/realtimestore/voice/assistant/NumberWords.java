package io.realtimestore.voice.assistant;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads amounts the way shoppers say or type them: "two hundred", "one hundred and fifty", "a hundred", "$200",
 * "199.99", "150 dollars". Speech recognisers write numbers as words, keyboards as digits; both end up here.
 */
final class NumberWords {

    private static final Map<String, Integer> UNITS = Map.ofEntries(Map.entry("zero", 0), Map.entry("a", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90));
    private static final Pattern DIGITS = Pattern.compile("^\\$?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?$");

    private NumberWords() {
    }

    /**
     * The amount at the start of {@code words} (already split on spaces) from index {@code from}, with the index
     * just after it; empty when no number starts there.
     */
    static Optional<Parsed> read(String[] words, int from) {
        if (from >= words.length) {
            return Optional.empty();
        }
        Matcher digits = DIGITS.matcher(words[from]);
        if (digits.matches()) {
            String whole = digits.group(1).replace(",", "");
            String cents = digits.group(2) == null ? "" : "." + digits.group(2);
            return Optional.of(new Parsed(new BigDecimal(whole + cents), from + 1));
        }
        long total = 0;
        long current = 0;
        int index = from;
        boolean any = false;
        while (index < words.length) {
            String word = words[index];
            Integer unit = UNITS.get(word);
            if (unit != null && !(word.equals("a") && !nextIsScale(words, index))) {
                current += unit;
            } else if (word.equals("hundred") && any) {
                current = Math.max(current, 1) * 100;
            } else if (word.equals("thousand") && any) {
                total += Math.max(current, 1) * 1000;
                current = 0;
            } else if (word.equals("and") && any && index + 1 < words.length && UNITS.containsKey(words[index + 1])) {
                // "one hundred and fifty"
            } else {
                break;
            }
            any = true;
            index++;
        }
        return any ? Optional.of(new Parsed(BigDecimal.valueOf(total + current), index)) : Optional.empty();
    }

    private static boolean nextIsScale(String[] words, int index) {
        return index + 1 < words.length && (words[index + 1].equals("hundred") || words[index + 1].equals("thousand"));
    }

    private static final String[] SMALL = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen" };
    private static final String[] TENS = { "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety" };

    /** 0–9999 in words ("forty", "two hundred fifty"): product names say "Ridgeline 2", shoppers say "ridgeline two". */
    static String spell(int number) {
        if (number < 20) {
            return SMALL[number];
        }
        if (number < 100) {
            return TENS[number / 10] + (number % 10 == 0 ? "" : " " + SMALL[number % 10]);
        }
        if (number < 1000) {
            return SMALL[number / 100] + " hundred" + (number % 100 == 0 ? "" : " " + spell(number % 100));
        }
        return spell(number / 1000) + " thousand" + (number % 1000 == 0 ? "" : " " + spell(number % 1000));
    }

    record Parsed(BigDecimal value, int next) {
    }
}
