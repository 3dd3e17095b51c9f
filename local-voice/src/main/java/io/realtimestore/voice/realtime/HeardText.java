package io.realtimestore.voice.realtime;

/**
 * The part of an answer's transcript that was heard before the shopper interrupted. Speech runs at a roughly even
 * pace, so the words are cut in proportion to the audio played (~150 words a minute is the synthesizers' pace).
 */
final class HeardText {

    private static final double WORDS_PER_SECOND = 2.6;

    private HeardText() {
    }

    static String upTo(String transcript, long heardMs) {
        String[] words = transcript.strip().split("\\s+");
        int heard = (int) Math.round(heardMs / 1000.0 * WORDS_PER_SECOND);
        if (transcript.isBlank() || heard >= words.length) {
            return transcript;
        }
        return String.join(" ", java.util.Arrays.copyOf(words, Math.max(0, heard)));
    }
}
