package io.realtimestore.voice.stt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The C functions of PocketSphinx 5prealpha and SphinxBase (Debian {@code libpocketsphinx3}, {@code libsphinxbase3})
 * that the recognizer calls, through JNA. Signatures follow {@code pocketsphinx.h}, {@code cmd_ln.h},
 * {@code ngram_model.h} and {@code err.h}; {@code size_t} is passed as a Java {@code long} (64-bit Linux).
 *
 * <p>Debian ships only the versioned files ({@code libpocketsphinx.so.3}); JNA finds them by the plain names below.
 */
final class PocketSphinxLibrary {

    /** Debian packages that provide the two libraries; named in the error when they are missing. */
    static final String DEBIAN_PACKAGES = "libpocketsphinx3 libsphinxbase3";

    /** {@code NGRAM_AUTO}: let ngram_model_read tell ARPA text from the binary format. */
    static final int NGRAM_AUTO = 0;

    interface SphinxBase extends Library {
        /** Builds a configuration from NULL-terminated name/value string pairs. */
        Pointer cmd_ln_init(Pointer inout, Pointer definitions, int strict, Object... nameValuePairsThenNull);

        int cmd_ln_free_r(Pointer config);

        Pointer ngram_model_read(Pointer config, String file, int fileType, Pointer logmath);

        Pointer ngram_model_set_init(Pointer config, Pointer[] models, String[] names, float[] weights, int modelCount);

        int ngram_model_free(Pointer model);

        /** NULL turns all SphinxBase/PocketSphinx logging off (a process-wide setting). */
        void err_set_logfp(Pointer file);

        void ckd_free(Pointer memory);
    }

    interface PocketSphinx extends Library {
        Pointer ps_args();

        Pointer ps_init(Pointer config);

        int ps_free(Pointer decoder);

        Pointer ps_get_config(Pointer decoder);

        Pointer ps_get_logmath(Pointer decoder);

        /** Returns a string the caller frees with ckd_free, or NULL when the word is not in the dictionary. */
        Pointer ps_lookup_word(Pointer decoder, String word);

        int ps_add_word(Pointer decoder, String word, String phones, int update);

        int ps_set_lm(Pointer decoder, String searchName, Pointer languageModel);

        int ps_set_search(Pointer decoder, String searchName);

        int ps_unset_search(Pointer decoder, String searchName);

        int ps_start_utt(Pointer decoder);

        int ps_process_raw(Pointer decoder, short[] samples, long sampleCount, int noSearch, int fullUtterance);

        int ps_end_utt(Pointer decoder);

        /** The decoder owns the returned string; JNA copies it. */
        String ps_get_hyp(Pointer decoder, IntByReference outScore);
    }

    final SphinxBase sphinxBase;
    final PocketSphinx pocketSphinx;

    private PocketSphinxLibrary(SphinxBase sphinxBase, PocketSphinx pocketSphinx) {
        this.sphinxBase = sphinxBase;
        this.pocketSphinx = pocketSphinx;
    }

    private static PocketSphinxLibrary loaded;

    /**
     * Loads both libraries once per JVM (a failed load is retried on the next call, so installing the package fixes
     * a running service).
     *
     * @throws SpeechRecognizerUnavailableException if a library is missing
     */
    static synchronized PocketSphinxLibrary get() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    private static PocketSphinxLibrary load() {
        try {
            SphinxBase sphinxBase = Native.load("sphinxbase", SphinxBase.class);
            PocketSphinx pocketSphinx = Native.load("pocketsphinx", PocketSphinx.class);
            // Logging off for the whole process, once. The "-logfn /dev/null" option would do it per decoder, but
            // every ps_init then reopens the global log FILE and closes the previous one while other decoders may
            // be writing to it from their threads.
            sphinxBase.err_set_logfp(null);
            return new PocketSphinxLibrary(sphinxBase, pocketSphinx);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError missing) {
            throw unavailable(missing);
        }
    }

    private static SpeechRecognizerUnavailableException unavailable(Throwable cause) {
        // JNA's message lists every path it tried, class path included: its first line is the useful part
        String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip();
        return new SpeechRecognizerUnavailableException("PocketSphinx is not installed (" + reason
                + "). Install it with: apt-get install " + DEBIAN_PACKAGES, cause);
    }
}
