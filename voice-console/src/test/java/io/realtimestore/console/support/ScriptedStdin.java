package io.realtimestore.console.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A stdin the test types into while the console runs, and closes (Ctrl-D) when it wants. */
public final class ScriptedStdin extends InputStream {

    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    public ScriptedStdin type(String line) {
        chunks.add((line + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public ScriptedStdin end() {
        chunks.add(END);
        return this;
    }

    @Override
    public synchronized int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        while (position >= current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                ended = true;
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }
}
