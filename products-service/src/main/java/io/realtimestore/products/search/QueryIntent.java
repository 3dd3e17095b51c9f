package io.realtimestore.products.search;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a shopper's query says about price, read off the words: "tent under 150 dollars" is the text "tent" with
 * a maximum price; "cheapest tent" is "tent" ordered by ascending price. The remaining text is what is matched.
 */
public record QueryIntent(String text, BigDecimal minPrice, BigDecimal maxPrice, PriceOrder priceOrder) {

    public enum PriceOrder { ASCENDING, DESCENDING }

    /** 150, 150.50, $1,200 (commas group thousands), optionally followed by a currency word. */
    private static final String AMOUNT =
            "\\$?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,7}(?:\\.\\d{1,2})?)\\s*(?:dollars?|usd|bucks|\\$)?";
    private static final Pattern BETWEEN = Pattern.compile(
            "\\b(?:between|from)\\s+" + AMOUNT + "\\s*(?:and|to|-)\\s*" + AMOUNT);
    private static final Pattern AT_MOST = Pattern.compile(
            "\\b(?:under|below|less than|cheaper than|up to|at most|no more than|max(?:imum)?|within)\\s+" + AMOUNT);
    private static final Pattern AT_LEAST = Pattern.compile(
            "\\b(?:over|above|more than|at least|min(?:imum)?|starting at)\\s+" + AMOUNT);
    private static final Pattern ASCENDING = Pattern.compile(
            "\\b(?:cheapest|cheaper|cheap|least expensive|lowest[- ]priced|lowest price|budget|affordable|inexpensive|low[- ]cost|bargain)\\b");
    private static final Pattern DESCENDING = Pattern.compile(
            "\\b(?:most expensive|priciest|highest[- ]priced|top[- ]of[- ]the[- ]line|high[- ]end|premium|luxury|expensive)\\b");
    private static final Pattern LEFTOVER = Pattern.compile("\\b(?:price[sd]?|priced|costs?|for|a|an|the|one|option)\\b");

    public static QueryIntent parse(String query) {
        String text = query.toLowerCase(Locale.ROOT);
        BigDecimal min = null;
        BigDecimal max = null;
        PriceOrder order = null;

        Matcher between = BETWEEN.matcher(text);
        if (between.find()) {
            min = amount(between.group(1));
            max = amount(between.group(2));
            if (min.compareTo(max) > 0) {
                BigDecimal swap = min;
                min = max;
                max = swap;
            }
            text = cut(text, between);
        }
        Matcher atMost = AT_MOST.matcher(text);
        if (atMost.find()) {
            max = amount(atMost.group(1));
            text = cut(text, atMost);
        }
        Matcher atLeast = AT_LEAST.matcher(text);
        if (atLeast.find()) {
            min = amount(atLeast.group(1));
            text = cut(text, atLeast);
        }
        Matcher descending = DESCENDING.matcher(text);
        if (descending.find()) {
            order = PriceOrder.DESCENDING;
            text = cut(text, descending);
        } else {
            Matcher ascending = ASCENDING.matcher(text);
            if (ascending.find()) {
                order = PriceOrder.ASCENDING;
                text = cut(text, ascending);
            }
        }
        boolean priceWordsFound = min != null || max != null || order != null;
        if (!priceWordsFound) {
            return new QueryIntent(query.strip(), null, null, null);
        }
        String rest = LEFTOVER.matcher(text).replaceAll(" ").replaceAll("[^\\p{L}\\p{N}' -]", " ")
                .replaceAll("\\s+", " ").strip();
        return new QueryIntent(rest, min, max, order);
    }

    public boolean hasPriceIntent() {
        return minPrice != null || maxPrice != null || priceOrder != null;
    }

    private static String cut(String text, Matcher match) {
        return (text.substring(0, match.start()) + " " + text.substring(match.end())).strip();
    }

    private static BigDecimal amount(String digits) {
        return new BigDecimal(digits.replace(",", ""));
    }
}
