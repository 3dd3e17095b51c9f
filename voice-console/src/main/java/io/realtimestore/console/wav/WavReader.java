package io.realtimestore.console.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or 64 bits, plain or
 * WAVE_FORMAT_EXTENSIBLE, any rate and channel count (mixed down to mono). Chunks it does not need (LIST, fact...)
 * are skipped, and a data chunk whose size field was never filled in (0 or 0xFFFFFFFF, as streaming recorders
 * leave it) runs to the end of the file.
 */
public final class WavReader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    public static WavAudio read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    public static WavAudio parse(byte[] bytes) throws WavFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
            throw new WavFormatException("not a WAV file (it has no RIFF/WAVE header)");
        }
        Format format = null;
        int position = 12;
        while (position + 8 <= bytes.length) {
            String id = tag(in, position);
            long size = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            if (id.equals("fmt ")) {
                format = Format.parse(in, body, (int) Math.min(size, bytes.length - body));
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new WavFormatException("the WAV file has its audio before its format description");
                }
                long end = size == 0 || size == 0xFFFFFFFFL ? bytes.length : Math.min(bytes.length, body + size);
                return new WavAudio(format.rate, format.channels, format.bits, format.decode(in, body, (int) (end - body)));
            }
            position = (int) Math.min(bytes.length, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new WavFormatException(format == null ? "the WAV file has no format description (fmt chunk)"
                : "the WAV file has no audio (data chunk)");
    }

    private static String tag(ByteBuffer in, int at) {
        byte[] tag = new byte[4];
        in.get(at, tag);
        return new String(tag, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The fmt chunk: how to turn the data chunk's bytes into samples. */
    private record Format(int encoding, int channels, int rate, int bits, int blockAlign) {

        static Format parse(ByteBuffer in, int at, int size) throws WavFormatException {
            if (size < 16) {
                throw new WavFormatException("the WAV file's format description is truncated");
            }
            int encoding = Short.toUnsignedInt(in.getShort(at));
            int channels = Short.toUnsignedInt(in.getShort(at + 2));
            int rate = in.getInt(at + 4);
            int blockAlign = Short.toUnsignedInt(in.getShort(at + 12));
            int bits = Short.toUnsignedInt(in.getShort(at + 14));
            if (encoding == FORMAT_EXTENSIBLE && size >= 40) {
                encoding = Short.toUnsignedInt(in.getShort(at + 24)); // the first two bytes of the sub-format GUID
            }
            Format format = new Format(encoding, channels, rate, bits, blockAlign);
            format.check();
            return format;
        }

        private void check() throws WavFormatException {
            boolean integer = encoding == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
            boolean floating = encoding == FORMAT_FLOAT && (bits == 32 || bits == 64);
            if (!integer && !floating) {
                throw new WavFormatException("unsupported WAV encoding (format 0x%04x, %d bits): convert it to PCM first, "
                        .formatted(encoding, bits) + "e.g. sox input.wav -b 16 -e signed-integer question.wav");
            }
            if (channels < 1 || rate < 1000 || rate > 384_000 || blockAlign < channels * bits / 8) {
                throw new WavFormatException("the WAV file's format description is inconsistent (%d channels, %d Hz)"
                        .formatted(channels, rate));
            }
        }

        float[] decode(ByteBuffer in, int at, int length) {
            int frames = length / blockAlign;
            int bytesPerSample = bits / 8;
            float[] mono = new float[frames];
            for (int frame = 0; frame < frames; frame++) {
                double sum = 0;
                int base = at + frame * blockAlign;
                for (int channel = 0; channel < channels; channel++) {
                    sum += sample(in, base + channel * bytesPerSample);
                }
                mono[frame] = (float) (sum / channels);
            }
            return mono;
        }

        private double sample(ByteBuffer in, int at) {
            if (encoding == FORMAT_FLOAT) {
                return bits == 32 ? in.getFloat(at) : in.getDouble(at);
            }
            return switch (bits) {
                case 8 -> ((in.get(at) & 0xff) - 128) / 128.0; // 8-bit WAV is unsigned
                case 16 -> in.getShort(at) / 32768.0;
                case 24 -> ((in.get(at) & 0xff) | (in.get(at + 1) & 0xff) << 8 | in.get(at + 2) << 16) / 8388608.0;
                default -> in.getInt(at) / 2147483648.0;
            };
        }
    }
}
