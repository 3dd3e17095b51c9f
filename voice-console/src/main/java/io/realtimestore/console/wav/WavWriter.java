package io.realtimestore.console.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a mono PCM16 WAV file as the audio arrives. The header's sizes are filled in on {@link #close()}; until then
 * they say "unknown" (0xFFFFFFFF), which most readers take as "to the end of the file", so a file cut short by a
 * crash is still playable.
 */
public final class WavWriter implements AutoCloseable {

    private static final int HEADER_BYTES = 44;

    private final FileChannel file;
    private final int rate;
    private long dataBytes;
    private boolean closed;

    private WavWriter(FileChannel file, int rate) {
        this.file = file;
        this.rate = rate;
    }

    public static WavWriter create(Path path, int rate) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        WavWriter writer = new WavWriter(channel, rate);
        writer.writeHeader(0xFFFFFFFFL, 0xFFFFFFFFL);
        return writer;
    }

    public synchronized void write(byte[] pcm, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(pcm, offset, length);
        while (buffer.hasRemaining()) {
            file.write(buffer, HEADER_BYTES + dataBytes + (length - buffer.remaining()));
        }
        dataBytes += length;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (file) {
            writeHeader(36 + dataBytes, dataBytes);
        }
    }

    private void writeHeader(long riffSize, long dataSize) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) riffSize)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataSize);
        header.flip();
        while (header.hasRemaining()) {
            file.write(header, header.position());
        }
    }
}
