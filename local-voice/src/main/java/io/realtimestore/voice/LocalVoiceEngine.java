package io.realtimestore.voice;

import io.realtimestore.voice.assistant.CatalogTerms;
import io.realtimestore.voice.realtime.LocalRealtimeSession;
import io.realtimestore.voice.realtime.VoiceResources;
import io.realtimestore.voice.stt.CatalogVocabulary;
import io.realtimestore.voice.stt.PocketSphinxRecognizer;
import io.realtimestore.voice.stt.SpeechRecognizer;
import io.realtimestore.voice.tts.FliteSynthesizer;
import io.realtimestore.voice.tts.FreeTtsSynthesizer;
import io.realtimestore.voice.tts.SpeechSynthesizer;
import io.realtimestore.voice.vad.EnergyVad;
import io.realtimestore.voice.vad.SileroVad;
import io.realtimestore.voice.vad.VoiceActivityDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The offline voice engine: Silero VAD, PocketSphinx speech-to-text with a catalog language model, the rule-based
 * shopping assistant, and Flite (or FreeTTS) speech, behind the GA Realtime protocol. One engine serves every
 * session; each part that cannot load is replaced by a fallback or left out, and {@link #status()} says which and
 * what to install.
 */
public final class LocalVoiceEngine implements VoiceResources, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalVoiceEngine.class);

    private final VoiceActivityDetector vad;
    private final Optional<SpeechRecognizer> recognizer;
    private final Optional<SpeechSynthesizer> synthesizer;
    private final EngineStatus status;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private volatile CatalogTerms terms = CatalogTerms.empty();
    private volatile CatalogVocabulary vocabulary = CatalogVocabulary.empty();

    private LocalVoiceEngine(VoiceActivityDetector vad, Optional<SpeechRecognizer> recognizer,
            Optional<SpeechSynthesizer> synthesizer, List<String> problems, int workerThreads) {
        this.vad = vad;
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.status = new EngineStatus(vad.name(), recognizer.map(SpeechRecognizer::name).orElse("none"),
                synthesizer.map(SpeechSynthesizer::name).orElse("none"), List.copyOf(problems));
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerThreads, task -> daemon(task, "local-voice-" + threads.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "local-voice-pacing"));
    }

    /** Loads every part it can; never throws for a missing native library (the status says what is missing). */
    public static LocalVoiceEngine start(LocalVoiceOptions options) {
        return start(options, new Loaders(SileroVad::load,
                () -> PocketSphinxRecognizer.create(options.modelDir(), options.recognizers(), CatalogVocabulary.empty()),
                FliteSynthesizer::load, FreeTtsSynthesizer::load));
    }

    /** How each part is loaded; a loader throws (with what to install) when its part cannot run here. */
    record Loaders(Supplier<VoiceActivityDetector> silero, Supplier<SpeechRecognizer> recognizer,
            Supplier<SpeechSynthesizer> flite, Supplier<SpeechSynthesizer> freeTts) {
    }

    static LocalVoiceEngine start(LocalVoiceOptions options, Loaders loaders) {
        List<String> problems = new ArrayList<>();
        VoiceActivityDetector vad;
        try {
            vad = loaders.silero().get();
        } catch (RuntimeException unavailable) {
            problems.add("Silero VAD could not load (" + unavailable.getMessage() + "); using the energy VAD, which is "
                    + "weaker in background noise");
            vad = new EnergyVad();
        }
        Optional<SpeechRecognizer> recognizer;
        try {
            recognizer = Optional.of(loaders.recognizer().get());
        } catch (RuntimeException unavailable) {
            problems.add("speech-to-text is off (" + unavailable.getMessage() + "); typed questions still work");
            recognizer = Optional.empty();
        }
        Optional<SpeechSynthesizer> synthesizer;
        try {
            synthesizer = Optional.of(loaders.flite().get());
        } catch (RuntimeException fliteMissing) {
            try {
                synthesizer = Optional.of(loaders.freeTts().get());
                problems.add("Flite is missing (" + fliteMissing.getMessage() + "); speaking with FreeTTS instead");
            } catch (RuntimeException freeTtsFailed) {
                problems.add("text-to-speech is off (" + fliteMissing.getMessage() + "); answers are text only");
                synthesizer = Optional.empty();
            }
        }
        LocalVoiceEngine engine = new LocalVoiceEngine(vad, recognizer, synthesizer, problems, options.workers());
        LOG.infof("Local voice engine: %s", engine.status.summary());
        return engine;
    }

    public EngineStatus status() {
        return status;
    }

    /** How many product names the current catalog vocabulary has (0 until the catalog was read). */
    public int catalogProducts() {
        return vocabulary.productNames().size();
    }

    /**
     * Tells the engine what the catalog holds: the assistant's category and brand names, and the recogniser's
     * language model (rebuilt only when the vocabulary changed materially). Blocks until every decoder has the new
     * model, so {@link #catalogProducts()} — and the gateway's readiness — only count a catalog the recogniser knows.
     */
    public void useCatalog(CatalogVocabulary catalog) {
        terms = new CatalogTerms(catalog.categories(), catalog.brands());
        if (catalog.differsMateriallyFrom(vocabulary)) {
            recognizer.ifPresent(r -> r.updateVocabulary(catalog).join());
            vocabulary = catalog;
        }
    }

    /** A new session; events go to {@code events} in order, from the engine's threads. */
    public LocalRealtimeSession openSession(String defaultVoice, long expiresAtEpochSeconds, Consumer<String> events) {
        LocalRealtimeSession session = new LocalRealtimeSession(this, defaultVoice, expiresAtEpochSeconds, events);
        session.start();
        return session;
    }

    @Override
    public VoiceActivityDetector vad() {
        return vad;
    }

    @Override
    public Optional<SpeechRecognizer> recognizer() {
        return recognizer;
    }

    @Override
    public Optional<SpeechSynthesizer> synthesizer() {
        return synthesizer;
    }

    @Override
    public CatalogTerms catalogTerms() {
        return terms;
    }

    @Override
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
        recognizer.ifPresent(SpeechRecognizer::close);
        synthesizer.ifPresent(SpeechSynthesizer::close);
        vad.close();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
