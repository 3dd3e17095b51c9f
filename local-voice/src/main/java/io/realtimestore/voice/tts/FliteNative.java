package io.realtimestore.voice.tts;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The libflite calls the synthesizer needs (flite 2.2, Debian {@code libflite1}). */
interface FliteNative extends Library {

    /** Sets up flite's global tables; once per process, before any voice is registered. */
    void flite_init();

    /** Returns a new {@code cst_wave*}, or NULL on failure; the caller frees it with {@link #delete_wave}. */
    Pointer flite_text_to_wave(String text, Pointer voice);

    void delete_wave(Pointer wave);

    /** {@code lex_lookup}: the phones of a word from the lexicon, or from its letter-to-sound rules; a {@code cst_val} list. */
    Pointer lex_lookup(Pointer lexicon, String word, String partOfSpeech, Pointer features);

    Pointer val_car(Pointer list);

    Pointer val_cdr(Pointer list);

    String val_string(Pointer value);

    void delete_val(Pointer value);

    /** A new {@code cst_audio_streaming_info}: flite calls its {@code asc} with each piece of audio as it is made. */
    Pointer new_audio_streaming_info();

    /** Wraps a streaming info in a {@code cst_val}, the form a voice feature takes. */
    Pointer audio_streaming_info_val(Pointer streamingInfo);

    /** Sets a feature; on a voice's features ("streaming_info") it applies to every utterance of that voice. */
    void feat_set(Pointer features, String name, Pointer value);

    /**
     * {@code cst_audio_stream_callback}: {@code size} new samples from {@code start} of {@code wave}, which flite is
     * still filling; {@code last} is 1 for the final piece. Returns 0 to go on, -1 to stop.
     */
    interface AudioChunkCallback extends Callback {
        int invoke(Pointer wave, int start, int size, int last, Pointer streamingInfo);
    }

    /** {@code cst_audio_streaming_info}, field order as in flite's {@code cst_audio.h}. */
    @Structure.FieldOrder({"min_buffsize", "asc", "utt", "item", "userdata"})
    final class StreamingInfo extends Structure {
        public int min_buffsize;
        public AudioChunkCallback asc;
        public Pointer utt;
        public Pointer item;
        public Pointer userdata;

        StreamingInfo(Pointer info) {
            super(info);
        }
    }

    /** {@code cst_wave}: the field order and types must match flite's {@code cst_wave.h}; JNA works out the padding. */
    @Structure.FieldOrder({"type", "sample_rate", "num_samples", "num_channels", "samples"})
    final class Wave extends Structure {
        public Pointer type;
        public int sample_rate;
        public int num_samples;
        public int num_channels;
        public Pointer samples;

        Wave(Pointer wave) {
            super(wave);
            read();
        }

        /** Copies channel 0 of samples [from, to) into Java memory, so the native wave can be freed. */
        short[] channelZero(int from, int to) {
            if (to <= from) {
                return new short[0];
            }
            short[] interleaved = samples.getShortArray((long) from * num_channels * Short.BYTES, (to - from) * num_channels);
            if (num_channels == 1) {
                return interleaved;
            }
            short[] mono = new short[to - from];
            for (int i = 0; i < mono.length; i++) {
                mono[i] = interleaved[i * num_channels];
            }
            return mono;
        }
    }
}
