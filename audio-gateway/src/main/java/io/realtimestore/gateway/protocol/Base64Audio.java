package io.realtimestore.gateway.protocol;

/** Checks base64 audio in place and computes its decoded size, without decoding it. */
final class Base64Audio {

    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALPHABET[c] = true;
        }
        ALPHABET['+'] = true;
        ALPHABET['/'] = true;
    }

    private Base64Audio() {
    }

    /** @return the decoded byte count, or -1 when the text is not padded standard base64 */
    static int decodedLength(char[] chars, int offset, int length) {
        if (length % 4 != 0) {
            return -1;
        }
        int padding = 0;
        if (length > 0 && chars[offset + length - 1] == '=') {
            padding = chars[offset + length - 2] == '=' ? 2 : 1;
        }
        int end = offset + length - padding;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c >= 128 || !ALPHABET[c]) {
                return -1;
            }
        }
        return length / 4 * 3 - padding;
    }

    /** Decoded size of a base64 string assumed valid (output from the upstream). */
    static int decodedLength(int chars, boolean onePad, boolean twoPad) {
        return chars / 4 * 3 - (twoPad ? 2 : onePad ? 1 : 0);
    }
}
