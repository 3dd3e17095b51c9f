package io.realtimestore.voice.realtime;

import io.realtimestore.audio.Pcm16;
import io.realtimestore.audio.Resampler;
import java.util.Base64;

/**
 * Turns the base64 audio of input_audio_buffer.append into 16 kHz samples for the VAD and the recogniser:
 * 24 kHz PCM16 (audio/pcm) or 8 kHz G.711 (audio/pcmu, audio/pcma), resampled with a band-limited filter.
 */
final class InputDecoder {

    static final int RECOGNIZER_RATE = 16_000;

    private String format;
    private Resampler resampler;

    InputDecoder(String format) {
        use(format);
    }

    void use(String newFormat) {
        if (!newFormat.equals(format)) {
            format = newFormat;
            resampler = new Resampler(format.equals("audio/pcm") ? 24_000 : 8_000, RECOGNIZER_RATE);
        }
    }

    /** @throws IllegalArgumentException when the text is not base64 */
    short[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        short[] samples = switch (format) {
            case "audio/pcmu" -> G711.ulaw(bytes);
            case "audio/pcma" -> G711.alaw(bytes);
            default -> Pcm16.fromLittleEndian(bytes);
        };
        return resampler.process(samples);
    }

    /** Milliseconds of audio in a decoded append, at the client's rate. */
    static long durationMs(short[] samples16k) {
        return samples16k.length * 1000L / RECOGNIZER_RATE;
    }

    /** ITU-T G.711 expansion. */
    static final class G711 {

        private G711() {
        }

        static short[] ulaw(byte[] bytes) {
            short[] out = new short[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                int u = ~bytes[i] & 0xff;
                int magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
                out[i] = (short) ((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
            }
            return out;
        }

        static short[] alaw(byte[] bytes) {
            short[] out = new short[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                int a = (bytes[i] & 0xff) ^ 0x55;
                int segment = (a & 0x70) >> 4;
                int magnitude = (a & 0x0f) << 4;
                magnitude = segment == 0 ? magnitude + 8 : (magnitude + 0x108) << (segment - 1);
                out[i] = (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
            }
            return out;
        }
    }
}
