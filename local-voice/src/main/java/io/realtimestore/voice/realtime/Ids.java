package io.realtimestore.voice.realtime;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers shaped like the service's: a prefix and random characters. */
final class Ids {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    static String next(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(id);
    }
}
