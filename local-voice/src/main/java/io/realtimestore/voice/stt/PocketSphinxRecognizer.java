package io.realtimestore.voice.stt;

import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Speech-to-text with PocketSphinx (Debian {@code libpocketsphinx3}, through JNA) and the en-us model from the
 * {@code sphinx4-data} jar. Each decoder's LM interpolates the general English LM with a trigram LM generated from the
 * catalog, so product and brand names are recognised without losing ordinary English.
 *
 * <p>Threading: {@link #begin} hands each utterance its own decoder from a fixed pool. {@link #useVocabulary} returns
 * at once and does its work on a background thread: it builds the new catalog LM (about half a second), then installs
 * it into each decoder as the decoder comes free (~0.3 s each), so utterances in flight finish on the old LM and no
 * caller waits for the rebuild. {@link #updateVocabulary} is the same with a future that completes when every decoder
 * has the new LM.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {

    private static final Logger LOG = Logger.getLogger(PocketSphinxRecognizer.class);

    private final SphinxModelFiles model;
    private final Path lmDirectory;
    private final DecoderPool pool;
    private final ExecutorService vocabularyWorker;
    // Guarded by this: the vocabulary last asked for and the last one built; the update that applies the requested
    // one (pending: not started yet, so later requests can join it); the model decoders install from now on.
    private CatalogVocabulary requestedVocabulary;
    private CatalogVocabulary appliedVocabulary;
    private CompletableFuture<Void> latestUpdate = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> pendingUpdate;
    private long generation;
    private DomainLanguageModel currentModel;
    private boolean closed;

    private PocketSphinxRecognizer(SphinxModelFiles model, Path lmDirectory, DecoderPool pool,
                                   CatalogVocabulary vocabulary, DomainLanguageModel domainModel) {
        this.model = model;
        this.lmDirectory = lmDirectory;
        this.pool = pool;
        this.requestedVocabulary = vocabulary;
        this.appliedVocabulary = vocabulary;
        this.currentModel = domainModel;
        this.generation = domainModel.generation();
        this.vocabularyWorker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "speech-vocabulary");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Creates the recognizer and all its decoders on the calling thread (~1 s per decoder, plus the catalog LM).
     *
     * @param modelDir where the sphinx4-data model is extracted once (reused if present and complete); the catalog
     *                 LMs are written to its {@code catalog-lm} subdirectory
     * @param poolSize number of decoders, created eagerly; each takes about 100-150 MB of native memory
     * @param initial  the catalog vocabulary for the first LM
     * @throws SpeechRecognizerUnavailableException if libpocketsphinx or the model is missing
     */
    public static PocketSphinxRecognizer create(Path modelDir, int poolSize, CatalogVocabulary initial) {
        long start = System.nanoTime();
        PocketSphinxLibrary.get(); // fail fast, before extracting 45 MB of model
        SphinxModelFiles model = SphinxModelFiles.extractTo(modelDir);
        Path lmDirectory = modelDir.resolve("catalog-lm");
        DomainLanguageModel domainModel = DomainLanguageModel.build(initial, 1, model, lmDirectory);
        DecoderPool pool;
        try {
            pool = new DecoderPool(model, poolSize, domainModel);
        } catch (RuntimeException e) {
            domainModel.deleteFile();
            throw e;
        }
        LOG.infof("Speech recognizer ready in %d ms: %d PocketSphinx decoders, catalog LM of %d words from %d "
                        + "sentences, %d added pronunciations", (System.nanoTime() - start) / 1_000_000, poolSize,
                domainModel.words(), domainModel.sentences(), domainModel.dictionaryAdditions().size());
        return new PocketSphinxRecognizer(model, lmDirectory, pool, initial, domainModel);
    }

    @Override
    public String name() {
        return "pocketsphinx (general+catalog LM)";
    }

    @Override
    public Utterance begin(Duration maxWait) throws RecognizerBusyException {
        return new PooledUtterance(pool, pool.acquire(maxWait));
    }

    /** Runs in the background; see the class comment. Failures are logged, and the decoders keep the old LM. */
    @Override
    public void useVocabulary(CatalogVocabulary vocabulary) {
        updateVocabulary(vocabulary).exceptionally(failure -> {
            LOG.errorf(failure, "Could not switch the speech recognizer to the new catalog vocabulary");
            return null;
        });
    }

    /**
     * Like {@link #useVocabulary}, with a future that completes once every decoder has the new LM (immediately when
     * the vocabulary does not differ materially from the last one requested). Requests that arrive while an update
     * is waiting to start are merged into it: only the newest vocabulary is built.
     */
    @Override
    public synchronized CompletableFuture<Void> updateVocabulary(CatalogVocabulary vocabulary) {
        if (closed) {
            throw new IllegalStateException("The speech recognizer is closed");
        }
        if (!vocabulary.differsMateriallyFrom(requestedVocabulary)) {
            return latestUpdate;
        }
        requestedVocabulary = vocabulary;
        if (pendingUpdate == null) {
            pendingUpdate = new CompletableFuture<>();
            latestUpdate = pendingUpdate;
            vocabularyWorker.execute(this::applyRequestedVocabulary);
        }
        return pendingUpdate;
    }

    private void applyRequestedVocabulary() {
        CatalogVocabulary vocabulary;
        CompletableFuture<Void> done;
        long modelGeneration;
        synchronized (this) {
            vocabulary = requestedVocabulary;
            done = pendingUpdate;
            pendingUpdate = null;
            modelGeneration = ++generation;
            if (done == null) {
                return; // closed before this update started
            }
        }
        try {
            long start = System.nanoTime();
            DomainLanguageModel domainModel = DomainLanguageModel.build(vocabulary, modelGeneration, model, lmDirectory);
            long built = System.nanoTime();
            DomainLanguageModel previous;
            synchronized (this) {
                if (closed) {
                    domainModel.deleteFile();
                    throw new IllegalStateException("The speech recognizer is closed");
                }
                previous = currentModel;
                currentModel = domainModel;
            }
            try {
                pool.rollOut(domainModel);
            } finally {
                previous.deleteFile(); // decoders, replacements included, only install the current model from now on
            }
            synchronized (this) {
                appliedVocabulary = vocabulary;
            }
            LOG.infof("Catalog LM updated: %d words; built in %d ms, installed in %d decoders in %d ms",
                    domainModel.words(), (built - start) / 1_000_000, pool.size(),
                    (System.nanoTime() - built) / 1_000_000);
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            synchronized (this) {
                if (requestedVocabulary == vocabulary && appliedVocabulary != vocabulary) {
                    requestedVocabulary = appliedVocabulary; // so that asking again retries instead of being ignored
                }
            }
            done.completeExceptionally(e);
        }
    }

    /** Stops vocabulary updates and frees the decoders; open utterances keep theirs until they are closed. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (pendingUpdate != null) {
                pendingUpdate.completeExceptionally(new IllegalStateException("The speech recognizer is closed"));
                pendingUpdate = null;
            }
            currentModel.deleteFile();
        }
        vocabularyWorker.shutdownNow();
        pool.close();
    }
}
