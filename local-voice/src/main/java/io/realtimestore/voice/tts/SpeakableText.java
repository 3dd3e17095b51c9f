package io.realtimestore.voice.tts;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites assistant text into what a voice should say. Flite and FreeTTS read plain numbers well ("289", "1.4") but
 * spell out or skip what they do not know: "$34.99" becomes "dollar thirty four point nine nine", "3,000 mm" becomes
 * "three comma zero zero zero m m", and markdown asterisks are read as "asterisk". Numbers stay numerals; only what
 * surrounds them becomes words. The rules run in order, each on the previous one's output.
 */
public final class SpeakableText {

    /** Unit symbol → {singular, plural}. Case matters ("g" is grams, "4G" is a network). */
    private static final Map<String, String[]> UNITS = units();

    private static final String NUMBER = "\\d+(?:\\.\\d+)?";
    /** A number standing on its own: not the tail of a model name like "R7" or "Z30", nor of a decimal. */
    private static final String STANDALONE = "(?<![\\p{L}\\d.])";
    /** Where a unit symbol must end: not inside a longer word ("2 Apex"), nor a compound ("2 A-rated"). */
    private static final String UNIT_END = "(?![\\p{L}\\d-])";

    private static final List<Rewrite> REWRITES = List.of(
            // typography the engines do not know
            new Rewrite("[‘’]", match -> "'"),
            new Rewrite("[“”]", match -> "\""),
            new Rewrite("(?<=\\d)\\s?–\\s?(?=\\d)", match -> "-"),
            new Rewrite("\\s*[–—]\\s*", match -> ", "),
            new Rewrite("…", match -> "..."),
            new Rewrite("\\u00a0", match -> " "),
            // markdown: emphasis, code, headings and bullets carry no words
            new Rewrite("\\*\\*|__|`|\\*", match -> ""),
            new Rewrite("(?m)^\\s*(?:#+|[-•])\\s+", match -> ""),
            // money before anything touches its digits: "$1,299.00", "$34.99", "289.00 USD"
            new Rewrite("\\$\\s?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?(?!\\d)", SpeakableText::money),
            new Rewrite(STANDALONE + "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?\\s?USD\\b", SpeakableText::money),
            // "3,000" → "3000"
            new Rewrite("(?<=\\d),(?=\\d{3}(?!\\d))", match -> ""),
            // "10-20" → "10 to 20", then "-10" (a temperature rating) → "minus 10"
            new Rewrite("(?<=\\d)\\s?-\\s?(?=\\d)", match -> " to "),
            new Rewrite("(?<![\\p{L}\\d])-(?=\\d)", match -> "minus "),
            // "2-person", "400-lumen" → "2 person", "400 lumen"
            new Rewrite("(?<=\\d)-(?=\\p{L})", match -> " "),
            // "198 x 132 cm" is a size; a bare "8x" (zoom) is read as "times" among the units
            new Rewrite("(?<=\\d)\\s?[x×]\\s?(?=\\d)", match -> " by "),
            new Rewrite(STANDALONE + "(" + NUMBER + ")\\s?(" + unitAlternatives() + ")" + UNIT_END, SpeakableText::measure),
            new Rewrite("(?<=\\d)\\s?%", match -> " percent"),
            // symbols
            new Rewrite("%", match -> " percent "),
            new Rewrite("\\s*&\\s*", match -> " and "),
            new Rewrite("\\+", match -> " plus "),
            new Rewrite("@", match -> " at "),
            new Rewrite("#(?=\\d)", match -> "number "),
            new Rewrite("(?i)\\band/or\\b", match -> "and or"),
            new Rewrite("(?<=\\d)\\s?/\\s?(?=\\d)", match -> " over "),
            new Rewrite("\\s?/\\s?(?=(?:second|minute|hour|day|night|week|month|year|person|pair)s?\\b)", match -> " per "),
            new Rewrite("\\s?/\\s?", match -> " or "),
            // tidy what the rewrites left
            new Rewrite("\\s+([,.!?;:])", match -> match.group(1)),
            new Rewrite("[ \\t]{2,}", match -> " "));

    private SpeakableText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String speakable = text;
        for (Rewrite rewrite : REWRITES) {
            speakable = rewrite.apply(speakable);
        }
        return speakable.strip();
    }

    /** "289" + "00" → "289 dollars"; "34" + "99" → "34 dollars 99"; "0" + "5" → "50 cents". */
    private static String money(MatchResult match) {
        String dollars = match.group(1).replace(",", "");
        String fraction = match.group(2);
        int cents = fraction == null ? 0 : Integer.parseInt(fraction.length() == 1 ? fraction + "0" : fraction);
        if (cents == 0) {
            return dollars + (dollars.equals("1") ? " dollar" : " dollars");
        }
        if (dollars.equals("0")) {
            return cents + (cents == 1 ? " cent" : " cents");
        }
        String whole = dollars + (dollars.equals("1") ? " dollar " : " dollars ");
        // "2 dollars 5" would sound like five dollars' worth of something; under ten cents the unit is said
        return cents < 10 ? whole + "and " + cents + (cents == 1 ? " cent" : " cents") : whole + cents;
    }

    /** "1.4" + "kg" → "1.4 kilograms"; exactly one takes the singular. */
    private static String measure(MatchResult match) {
        String amount = match.group(1);
        String[] names = UNITS.get(match.group(2));
        return amount + " " + (amount.equals("1") ? names[0] : names[1]);
    }

    /** Longest symbols first, so "mAh" is not read as "m" followed by "Ah". */
    private static String unitAlternatives() {
        return UNITS.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    private static Map<String, String[]> units() {
        Map<String, String[]> units = new LinkedHashMap<>();
        unit(units, "kg", "kilogram", "kilograms");
        unit(units, "g", "gram", "grams");
        unit(units, "mg", "milligram", "milligrams");
        unit(units, "oz", "ounce", "ounces");
        unit(units, "lb", "pound", "pounds");
        unit(units, "lbs", "pound", "pounds");
        unit(units, "mm", "millimeter", "millimeters");
        unit(units, "cm", "centimeter", "centimeters");
        unit(units, "m", "meter", "meters");
        unit(units, "km", "kilometer", "kilometers");
        unit(units, "km/h", "kilometer per hour", "kilometers per hour");
        unit(units, "mph", "mile per hour", "miles per hour");
        unit(units, "L", "liter", "liters");
        unit(units, "ml", "milliliter", "milliliters");
        unit(units, "mL", "milliliter", "milliliters");
        unit(units, "W", "watt", "watts");
        unit(units, "Wh", "watt hour", "watt hours");
        unit(units, "kWh", "kilowatt hour", "kilowatt hours");
        unit(units, "mAh", "milliamp hour", "milliamp hours");
        unit(units, "V", "volt", "volts");
        unit(units, "A", "amp", "amps");
        unit(units, "h", "hour", "hours");
        unit(units, "hr", "hour", "hours");
        unit(units, "hrs", "hour", "hours");
        unit(units, "min", "minute", "minutes");
        unit(units, "s", "second", "seconds");
        unit(units, "ms", "millisecond", "milliseconds");
        unit(units, "°C", "degree Celsius", "degrees Celsius");
        unit(units, "°F", "degree Fahrenheit", "degrees Fahrenheit");
        unit(units, "°", "degree", "degrees");
        unit(units, "MP", "megapixel", "megapixels");
        unit(units, "fps", "frame per second", "frames per second");
        unit(units, "MB", "megabyte", "megabytes");
        unit(units, "GB", "gigabyte", "gigabytes");
        unit(units, "TB", "terabyte", "terabytes");
        unit(units, "Hz", "hertz", "hertz");
        unit(units, "kHz", "kilohertz", "kilohertz");
        unit(units, "dB", "decibel", "decibels");
        unit(units, "ATM", "atmosphere", "atmospheres");
        unit(units, "x", "times", "times");
        return units;
    }

    private static void unit(Map<String, String[]> units, String symbol, String singular, String plural) {
        units.put(symbol, new String[] {singular, plural});
    }

    /** One pattern and what each match becomes; the replacement is literal text, never a "$1" template. */
    private record Rewrite(Pattern pattern, Function<MatchResult, String> replacement) {

        Rewrite(String regex, Function<MatchResult, String> replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String text) {
            return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(replacement.apply(match)));
        }
    }
}
