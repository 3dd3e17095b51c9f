package io.realtimestore.console.wav;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, for formats and layouts the writer under test does not produce. */
final class WavFiles {

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static WavFiles riff() {
        return new WavFiles();
    }

    /** A plain fmt chunk (16 bytes). */
    WavFiles format(int encoding, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        ByteBuffer fmt = le(16).putShort((short) encoding).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", fmt.array());
    }

    /** A WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes) whose sub-format starts with {@code subFormat}. */
    WavFiles extensibleFormat(int subFormat, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        ByteBuffer fmt = le(40).putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).putShort((short) 22).putShort((short) bits).putInt(0)
                .putShort((short) subFormat);
        return chunk("fmt ", fmt.array());
    }

    WavFiles chunk(String id, byte[] body) {
        ByteBuffer header = le(8).put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length);
        chunks.writeBytes(header.array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    /** A data chunk whose size field says "unknown", as streaming recorders leave it. */
    WavFiles dataOfUnknownSize(byte[] body) {
        chunks.writeBytes(le(8).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(-1).array());
        chunks.writeBytes(body);
        return this;
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer file = le(12 + body.length).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return file.array();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
