package io.realtimestore.products.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/** An input stream that produces numbered lines on demand, so tests can stream large bodies without building them. */
public final class GeneratedLines extends InputStream {

    private final int count;
    private final IntFunction<String> line;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    public GeneratedLines(int count, IntFunction<String> line) {
        this.count = count;
        this.line = line;
    }

    @Override
    public int read() {
        if (position == current.length) {
            if (next == count) {
                return -1;
            }
            current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return current[position++] & 0xff;
    }
}
