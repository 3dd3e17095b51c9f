package io.realtimestore.voice.stt;

/** Word error rate over several utterances: word-level Levenshtein distance summed, over the reference word count. */
final class WordErrorRate {

    private int errors;
    private int referenceWords;

    /** Adds one utterance and returns its own edit distance in words. */
    int add(String reference, String hypothesis) {
        String[] ref = words(reference);
        String[] hyp = words(hypothesis);
        int[] previous = new int[hyp.length + 1];
        int[] current = new int[hyp.length + 1];
        for (int j = 0; j <= hyp.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.length; i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.length; j++) {
                int substitution = previous[j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int distance = previous[hyp.length];
        errors += distance;
        referenceWords += ref.length;
        return distance;
    }

    double rate() {
        return referenceWords == 0 ? 0 : (double) errors / referenceWords;
    }

    int errors() {
        return errors;
    }

    int referenceWords() {
        return referenceWords;
    }

    private static String[] words(String text) {
        String normalized = text.toLowerCase().replaceAll("[^a-z0-9' ]", " ").strip();
        return normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
    }
}
