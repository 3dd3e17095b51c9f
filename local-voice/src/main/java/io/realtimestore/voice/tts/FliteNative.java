package io.realtimestore.voice.tts;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The three libflite calls the synthesizer needs (flite 2.2, Debian {@code libflite1}). */
interface FliteNative extends Library {

    /** Sets up flite's global tables; once per process, before any voice is registered. */
    void flite_init();

    /** Returns a new {@code cst_wave*}, or NULL on failure; the caller frees it with {@link #delete_wave}. */
    Pointer flite_text_to_wave(String text, Pointer voice);

    void delete_wave(Pointer wave);

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

        /** Copies channel 0 into Java memory, so the native wave can be freed at once. */
        Speech toSpeech() {
            if (num_samples == 0) {
                return new Speech(new short[0], sample_rate);
            }
            short[] interleaved = samples.getShortArray(0, num_samples * num_channels);
            if (num_channels == 1) {
                return new Speech(interleaved, sample_rate);
            }
            short[] mono = new short[num_samples];
            for (int i = 0; i < num_samples; i++) {
                mono[i] = interleaved[i * num_channels];
            }
            return new Speech(mono, sample_rate);
        }
    }
}
