package io.realtimestore.voice.stt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * One native PocketSphinx decoder with an interpolated language model: the general en-us trigram LM and the catalog
 * LM, mixed with equal weights (measured: in-domain accuracy of a catalog-only LM, and better than the general LM on
 * out-of-domain requests). Not thread-safe: the pool gives each decoder to one utterance at a time.
 *
 * <p>Each decoder loads its own general LM (about 30 MB) because SphinxBase caches the last n-gram history inside the
 * model while scoring, so two decoders cannot share one.
 */
final class PocketSphinxDecoder {

    static final float GENERAL_LM_WEIGHT = 0.5f;
    private static final Logger LOG = Logger.getLogger(PocketSphinxDecoder.class);

    private final PocketSphinxLibrary.SphinxBase sphinxBase;
    private final PocketSphinxLibrary.PocketSphinx pocketSphinx;
    private final Pointer config;
    private final Pointer decoder;
    private final Pointer generalLm;
    private final IntByReference score = new IntByReference();
    private String searchName;
    private DomainLanguageModel installed;

    private PocketSphinxDecoder(PocketSphinxLibrary library, Pointer config, Pointer decoder, Pointer generalLm) {
        this.sphinxBase = library.sphinxBase;
        this.pocketSphinx = library.pocketSphinx;
        this.config = config;
        this.decoder = decoder;
        this.generalLm = generalLm;
    }

    /** Loads the acoustic model, cmudict and the general LM, then installs the catalog LM (~1 s). */
    static PocketSphinxDecoder create(SphinxModelFiles model, DomainLanguageModel domain) {
        PocketSphinxLibrary library = PocketSphinxLibrary.get();
        // No -lm: the decoder starts without a search, so no LM exists yet when catalog words are added (see install).
        // -fwdflat no: the second (flat-lexicon) pass re-decodes the whole utterance when it ends; on the catalog
        // queries it changed no word but made finish() ~100 ms instead of ~30 ms, time the shopper waits in silence.
        // -maxhmmpf 6000 (default 30000): at most 6000 active HMMs per frame. Right after the speech ends the search
        // still carries many word hypotheses, which makes finish() slow; on the fixture queries this cap cut its median
        // from 19-41 ms to 13-31 ms per voice and decoding from RTF 0.11 to 0.10, with the same words recognised.
        Pointer config = library.sphinxBase.cmd_ln_init(null, library.pocketSphinx.ps_args(), 1,
                "-hmm", model.acousticModel().toString(), "-dict", model.dictionary().toString(), "-fwdflat", "no",
                "-maxhmmpf", "6000", null);
        if (config == null) {
            throw new IllegalStateException("PocketSphinx rejected the decoder configuration for " + model);
        }
        Pointer decoder = library.pocketSphinx.ps_init(config);
        if (decoder == null) {
            library.sphinxBase.cmd_ln_free_r(config);
            throw new IllegalStateException("PocketSphinx could not load the acoustic model " + model.acousticModel());
        }
        Pointer generalLm = library.sphinxBase.ngram_model_read(library.pocketSphinx.ps_get_config(decoder),
                model.generalLm().toString(), PocketSphinxLibrary.NGRAM_AUTO, library.pocketSphinx.ps_get_logmath(decoder));
        PocketSphinxDecoder created = new PocketSphinxDecoder(library, config, decoder, generalLm);
        if (generalLm == null) {
            created.free();
            throw new IllegalStateException("PocketSphinx could not read the general LM " + model.generalLm());
        }
        try {
            created.install(domain);
        } catch (RuntimeException e) {
            created.free();
            throw e;
        }
        return created;
    }

    /**
     * Switches to a new catalog LM (~0.3 s): adds its words to the dictionary and replaces the search. Only call
     * between utterances.
     *
     * <p>If it fails before the old search is removed the decoder keeps the old LM; if it fails after,
     * {@link #usable()} turns false and the decoder must be freed.
     */
    void install(DomainLanguageModel domain) {
        Pointer psConfig = pocketSphinx.ps_get_config(decoder);
        Pointer domainLm = sphinxBase.ngram_model_read(psConfig, domain.arpaFile().toString(),
                PocketSphinxLibrary.NGRAM_AUTO, pocketSphinx.ps_get_logmath(decoder));
        if (domainLm == null) {
            throw new IllegalStateException("PocketSphinx could not read the catalog LM " + domain.arpaFile());
        }
        Pointer mixedLm = sphinxBase.ngram_model_set_init(psConfig, new Pointer[]{generalLm, domainLm},
                new String[]{"general", "catalog"}, new float[]{GENERAL_LM_WEIGHT, 1 - GENERAL_LM_WEIGHT}, 2);
        sphinxBase.ngram_model_free(domainLm); // the set holds its own reference
        if (mixedLm == null) {
            throw new IllegalStateException("PocketSphinx could not interpolate the general and catalog LMs");
        }
        // ps_add_word also adds each new word to the LM of every n-gram search (the shared general LM included) at
        // an invented unigram probability; removing the old search first keeps the general LM as it was read.
        if (searchName != null) {
            pocketSphinx.ps_unset_search(decoder, searchName);
            searchName = null;
            installed = null;
        }
        for (DictionaryEntry entry : domain.dictionaryAdditions()) {
            if (!inDictionary(entry.word()) && pocketSphinx.ps_add_word(decoder, entry.word(), entry.phones(), 0) < 0) {
                LOG.warnf("PocketSphinx refused the pronunciation %s [%s]; the word cannot be recognised",
                        entry.word(), entry.phones());
            }
        }
        String name = "catalog-" + domain.generation();
        int added = pocketSphinx.ps_set_lm(decoder, name, mixedLm);
        sphinxBase.ngram_model_free(mixedLm); // the search holds its own reference
        if (added < 0 || pocketSphinx.ps_set_search(decoder, name) < 0) {
            throw new IllegalStateException("PocketSphinx could not start a search with the catalog LM");
        }
        searchName = name;
        installed = domain;
    }

    /** The catalog LM in use; null when a failed install left the decoder without a search. */
    DomainLanguageModel installed() {
        return installed;
    }

    boolean usable() {
        return installed != null;
    }

    void startUtterance() {
        check(pocketSphinx.ps_start_utt(decoder), "ps_start_utt");
    }

    void process(short[] pcm16k) {
        if (pcm16k.length == 0) {
            return;
        }
        check(pocketSphinx.ps_process_raw(decoder, pcm16k, pcm16k.length, 0, 0), "ps_process_raw");
    }

    void endUtterance() {
        check(pocketSphinx.ps_end_utt(decoder), "ps_end_utt");
    }

    /** The best hypothesis so far (or the final one after {@link #endUtterance()}), normalised; "" if none. */
    String hypothesis() {
        String hypothesis = pocketSphinx.ps_get_hyp(decoder, score);
        return hypothesis == null ? "" : hypothesis.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    void free() {
        pocketSphinx.ps_free(decoder);
        if (generalLm != null) {
            sphinxBase.ngram_model_free(generalLm);
        }
        sphinxBase.cmd_ln_free_r(config);
    }

    private boolean inDictionary(String word) {
        Pointer phones = pocketSphinx.ps_lookup_word(decoder, word);
        if (phones == null) {
            return false;
        }
        sphinxBase.ckd_free(phones);
        return true;
    }

    private static void check(int result, String function) {
        if (result < 0) {
            throw new IllegalStateException(function + " failed (" + result + ")");
        }
    }
}
