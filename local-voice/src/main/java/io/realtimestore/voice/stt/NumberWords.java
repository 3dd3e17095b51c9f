package io.realtimestore.voice.stt;

import java.util.ArrayList;
import java.util.List;

/** Numbers as English words, the way the language model needs them ("two hundred", "seven fifty"). */
final class NumberWords {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};
    private static final long[] SCALES = {1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] SCALE_NAMES = {"billion", "million", "thousand"};

    private NumberWords() {
    }

    /** The plain reading: 26800 → "twenty six thousand eight hundred". */
    static String cardinal(long number) {
        if (number < 0) {
            return "minus " + cardinal(-number);
        }
        if (number < 1000) {
            return belowThousand((int) number);
        }
        List<String> parts = new ArrayList<>();
        long rest = number;
        for (int i = 0; i < SCALES.length; i++) {
            if (rest >= SCALES[i]) {
                parts.add(cardinal(rest / SCALES[i]) + " " + SCALE_NAMES[i]);
                rest %= SCALES[i];
            }
        }
        if (rest > 0) {
            parts.add(belowThousand((int) rest));
        }
        return String.join(" ", parts);
    }

    /**
     * Every common way to say the number: the plain reading, plus the paired reading people use for model numbers and
     * prices (750 → "seven fifty", 360 → "three sixty", 1200 → "twelve hundred", 2499 → "twenty four ninety nine").
     */
    static List<String> readings(long number) {
        List<String> readings = new ArrayList<>(List.of(cardinal(number)));
        if (number >= 101 && number <= 9999 && number % 1000 != 0) {
            long high = number / 100;
            long low = number % 100;
            String paired = low == 0 ? cardinal(high) + " hundred"
                    : low < 10 ? cardinal(high) + " oh " + cardinal(low)
                    : cardinal(high) + " " + cardinal(low);
            if (!readings.contains(paired) && !(number < 1000 && low == 0)) {
                readings.add(paired);
            }
        }
        return readings;
    }

    /** A decimal as written: "4.7" → "four point seven", "0.1" → "zero point one". */
    static String decimal(String digits) {
        int point = digits.indexOf('.');
        if (point < 0) {
            return cardinal(Long.parseLong(digits));
        }
        StringBuilder words = new StringBuilder(point == 0 ? "zero" : cardinal(Long.parseLong(digits.substring(0, point))));
        words.append(" point");
        for (char digit : digits.substring(point + 1).toCharArray()) {
            words.append(' ').append(ONES[digit - '0']);
        }
        return words.toString();
    }

    private static String belowThousand(int number) {
        if (number < 20) {
            return ONES[number];
        }
        if (number < 100) {
            return number % 10 == 0 ? TENS[number / 10] : TENS[number / 10] + " " + ONES[number % 10];
        }
        return ONES[number / 100] + " hundred" + (number % 100 == 0 ? "" : " " + belowThousand(number % 100));
    }
}
