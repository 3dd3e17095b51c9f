package io.realtimestore.voice.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an assistant's answer into sentences, so synthesis can start on the first one while the rest is still being
 * written or spoken. A line break always ends a sentence (list items, paragraphs). Inside a line a sentence ends at
 * {@code . ! ? …} followed by a space or the end, except:
 * <ul>
 *   <li>inside numbers ("$289.00", "2.5 kg"): the dot is not followed by a space;</li>
 *   <li>after abbreviations ("e.g.", "vs.") and before a lowercase word ("approx. two kilos");</li>
 *   <li>after a list number ("1. Ridgeline …", "three tents: 1. …, 2. …"), which starts an item instead.</li>
 * </ul>
 * For streaming, call it on the text received so far: every sentence but the last is complete.
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "vs", "approx", "incl", "mr", "mrs", "ms", "dr", "st");

    private SentenceSplitter() {
    }

    public static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        if (text != null) {
            text.lines().forEach(line -> splitLine(line, sentences));
        }
        return sentences;
    }

    private static void splitLine(String line, List<String> sentences) {
        int start = 0;
        int i = 0;
        while (i < line.length()) {
            if (!isTerminator(line.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < line.length() && (isTerminator(line.charAt(end)) || isCloser(line.charAt(end)))) {
                end++;
            }
            boolean followedBySpace = end == line.length() || Character.isWhitespace(line.charAt(end));
            if (followedBySpace && endsSentence(line, start, i, end)) {
                add(sentences, line.substring(start, end));
                start = end;
            }
            i = end;
        }
        add(sentences, line.substring(start));
    }

    /** {@code terminator} is where the run of terminators starts, {@code end} just after it and its closing quotes. */
    private static boolean endsSentence(String line, int sentenceStart, int terminator, int end) {
        if (nextWordIsLowercase(line, end)) {
            return false;
        }
        boolean singleDot = line.charAt(terminator) == '.' && (end == terminator + 1 || isCloser(line.charAt(terminator + 1)));
        if (!singleDot) {
            return true;
        }
        int tokenStart = terminator;
        while (tokenStart > sentenceStart && !Character.isWhitespace(line.charAt(tokenStart - 1))) {
            tokenStart--;
        }
        String token = line.substring(tokenStart, terminator);
        if (ABBREVIATIONS.contains(token.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return !isListNumber(line, sentenceStart, tokenStart, token);
    }

    /** "1." opening a sentence, or right after a colon ("two tents: 1. …"), numbers a list item. */
    private static boolean isListNumber(String line, int sentenceStart, int tokenStart, String token) {
        if (token.isEmpty() || token.length() > 2 || !token.chars().allMatch(Character::isDigit)) {
            return false;
        }
        String before = line.substring(sentenceStart, tokenStart).strip();
        return before.isEmpty() || before.endsWith(":");
    }

    private static boolean nextWordIsLowercase(String line, int from) {
        int next = from;
        while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
            next++;
        }
        return next < line.length() && Character.isLowerCase(line.charAt(next));
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '*';
    }

    private static void add(List<String> sentences, String sentence) {
        String trimmed = sentence.strip();
        if (!trimmed.isEmpty()) {
            sentences.add(trimmed);
        }
    }
}
