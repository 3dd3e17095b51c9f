package io.realtimestore.gateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The two events that are nearly all of the relayed traffic, recognised in their UTF-8 bytes so the gateway can pass
 * them on without decoding them to a String: the client's append exactly as the SDKs write it, and the upstream's
 * audio delta with its type first, as OpenAI and Azure send it. Anything else is "not recognised" and goes to
 * {@link EventScanner}, which reads any field order. Measured on the relay benchmark, reading the event was the
 * largest part of the gateway's own work on an audio frame.
 */
public final class AudioFrames {

    private static final ByteBuf APPEND_HEAD = constant("{\"type\":\"input_audio_buffer.append\",\"audio\":\"");
    private static final ByteBuf APPEND_TAIL = constant("\"}");
    private static final ByteBuf DELTA_HEAD = constant("{\"type\":\"" + ServerFrame.AUDIO_DELTA + "\"");
    private static final ByteBuf ITEM_ID = constant("\"item_id\":\"");
    private static final ByteBuf RESPONSE_ID = constant("\"response_id\":\"");
    private static final ByteBuf DELTA = constant("\"delta\":\"");
    private static final byte QUOTE = '"';

    private AudioFrames() {
    }

    /**
     * {@code {"type":"input_audio_buffer.append","audio":"…"}} with valid padded base64 of whole samples, and nothing
     * else: then the whole event is valid JSON without parsing it.
     *
     * @param sampleBytes 2 for PCM16, 1 for G.711
     * @return the decoded audio size, or -1 when the event is anything else
     */
    public static int plainAppend(ByteBuf utf8, int sampleBytes) {
        int length = utf8.readableBytes();
        int audioLength = length - APPEND_HEAD.readableBytes() - APPEND_TAIL.readableBytes();
        if (audioLength <= 0) {
            return -1;
        }
        int start = utf8.readerIndex();
        if (!ByteBufUtil.equals(utf8, start, APPEND_HEAD, 0, APPEND_HEAD.readableBytes())
                || !ByteBufUtil.equals(utf8, start + length - APPEND_TAIL.readableBytes(), APPEND_TAIL, 0, APPEND_TAIL.readableBytes())) {
            return -1;
        }
        int audioBytes = Base64Audio.decodedLength(utf8, start + APPEND_HEAD.readableBytes(), audioLength);
        return audioBytes > 0 && audioBytes % sampleBytes == 0 ? audioBytes : -1;
    }

    /**
     * An audio delta whose type comes first, in plain ASCII with valid base64 audio: its ids and the decoded size of
     * its audio. Base64 has no quotes, so the field searches cannot match inside the audio. The upstream's JSON is
     * trusted as it is.
     *
     * @return null for anything else
     */
    public static ServerFrame plainDelta(ByteBuf utf8) {
        int start = utf8.readerIndex();
        int end = start + utf8.readableBytes();
        if (end - start < DELTA_HEAD.readableBytes() || !ByteBufUtil.equals(utf8, start, DELTA_HEAD, 0, DELTA_HEAD.readableBytes())) {
            return null;
        }
        // One walk from quote to quote (a vectorised search), looking for the three keys
        int itemId = -1;
        int responseId = -1;
        int audioStart = -1;
        int audioEnd = -1;
        for (int quote = utf8.indexOf(start + 1, end, QUOTE); quote >= 0 && quote + 1 < end;
                quote = utf8.indexOf(quote + 1, end, QUOTE)) {
            switch (utf8.getByte(quote + 1)) {
                case 'd' -> {
                    if (audioStart < 0 && isKey(utf8, quote, end, DELTA)) {
                        audioStart = quote + DELTA.readableBytes();
                        audioEnd = utf8.indexOf(audioStart, end, QUOTE);
                        quote = audioEnd < 0 ? end : audioEnd; // the audio holds no quote: jump over it
                    }
                }
                case 'i' -> itemId = itemId < 0 && isKey(utf8, quote, end, ITEM_ID) ? quote + ITEM_ID.readableBytes() : itemId;
                case 'r' -> responseId = responseId < 0 && isKey(utf8, quote, end, RESPONSE_ID)
                        ? quote + RESPONSE_ID.readableBytes() : responseId;
                default -> {
                }
            }
        }
        if (audioEnd < 0 || itemId < 0 || !ascii(utf8, start, audioStart) || !ascii(utf8, audioEnd, end)) {
            return null;
        }
        int audioBytes = Base64Audio.decodedLength(utf8, audioStart, audioEnd - audioStart); // so the audio is ASCII too
        String item = stringAt(utf8, itemId, end);
        return audioBytes < 0 || item == null ? null
                : new ServerFrame(ServerFrame.AUDIO_DELTA, responseId < 0 ? null : stringAt(utf8, responseId, end), item, audioBytes);
    }

    private static boolean isKey(ByteBuf utf8, int quote, int end, ByteBuf key) {
        return quote + key.readableBytes() <= end && ByteBufUtil.equals(utf8, quote, key, 0, key.readableBytes());
    }

    /** The string value that starts at {@code from}, up to its closing quote. */
    private static String stringAt(ByteBuf utf8, int from, int end) {
        int valueEnd = utf8.indexOf(from, end, QUOTE);
        return valueEnd < 0 ? null : utf8.toString(from, valueEnd - from, StandardCharsets.US_ASCII);
    }

    /** The event around the audio (ids and small fields): eight bytes at a time. */
    private static boolean ascii(ByteBuf utf8, int from, int to) {
        long all = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            all |= utf8.getLong(i);
        }
        for (; i < to; i++) {
            all |= utf8.getByte(i);
        }
        return (all & 0x8080808080808080L) == 0;
    }

    private static ByteBuf constant(String text) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    }
}
