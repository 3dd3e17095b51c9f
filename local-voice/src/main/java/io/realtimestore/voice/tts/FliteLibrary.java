package io.realtimestore.voice.tts;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * libflite and its registered voices, loaded once per process. It is process-wide because flite is: each
 * {@code register_cmu_us_*} call returns the same static voice, so two "instances" would share native state anyway, and
 * one lock must guard every call into it.
 */
final class FliteLibrary {

    private static final Logger LOG = Logger.getLogger(FliteLibrary.class);

    static final String LIBFLITE = "libflite.so.1";
    static final String INSTALL_HINT = "apt-get install libflite1";

    /** The rate of every voice below (kal, the one 8 kHz voice in libflite1, is left out for that reason). */
    static final int SAMPLE_RATE = 16000;

    /** Engine voice name → shared library, all in libflite1. */
    static final Map<String, String> VOICE_LIBRARIES = orderedVoices();

    private static FliteLibrary shared;

    /**
     * One lock for every synthesis in the process, static because the voices are (an instance opened by a test
     * registers the same native voices). Flite does not promise that a voice, or the lexicon and feature tables the voices
     * share, may be used by two threads at once (an unlocked stress run of 4 threads × 150 sentences did not fail, which
     * proves nothing about rarer interleavings). At flite's speed (RTF about 0.015) one lock still serves dozens of
     * live streams.
     */
    private static final ReentrantLock LOCK = new ReentrantLock();

    /** Samples per streamed piece: 100 ms, the size of the response's audio deltas. */
    private static final int STREAM_PIECE_SAMPLES = SAMPLE_RATE / 10;

    /** Where the synthesis now running sends its pieces; guarded by {@link #LOCK}, like everything flite does. */
    private static SpeechSink streamingTo;
    /** Samples of the running synthesis handed to {@link #streamingTo} so far. */
    private static int streamedSamples;
    /** What the sink threw inside the callback, rethrown once flite has returned (a callback must not throw into C). */
    private static RuntimeException sinkFailure;
    /** One callback for every voice; static so JNA's native stub for it is never collected. */
    private static final FliteNative.AudioChunkCallback STREAM_CALLBACK = FliteLibrary::onAudioChunk;

    static final String LIBCMULEX = "libflite_cmulex.so.1";

    private final FliteNative flite;
    private final Map<String, Pointer> voices;
    /** Opened by {@link #lexiconPhones} under the lock; the library object keeps it loaded. */
    private NativeLibrary cmulexLibrary;
    private Pointer cmuLexicon;
    /** Keeps the voice libraries reachable: JNA closes a library whose NativeLibrary object is collected. */
    private final List<NativeLibrary> voiceLibraries;

    private FliteLibrary(FliteNative flite, Map<String, Pointer> voices, List<NativeLibrary> voiceLibraries) {
        this.flite = flite;
        this.voices = voices;
        this.voiceLibraries = voiceLibraries;
    }

    /** The process-wide library; a failed load is retried on the next call (the package may have been installed since). */
    static synchronized FliteLibrary shared() {
        if (shared == null) {
            shared = open(LIBFLITE, VOICE_LIBRARIES);
        }
        return shared;
    }

    /** Loads libflite and registers every voice whose library is present. Separate from {@link #shared()} for tests. */
    static FliteLibrary open(String libflite, Map<String, String> voiceLibraries) {
        FliteNative flite;
        try {
            flite = Native.load(libflite, FliteNative.class);
        } catch (LinkageError missing) {
            throw new SynthesizerUnavailableException(
                    "flite text-to-speech is not available: " + libflite + " could not be loaded (" + missing.getMessage()
                            + "); install it with: " + INSTALL_HINT, missing);
        }
        Map<String, Pointer> voices = new LinkedHashMap<>();
        List<NativeLibrary> loaded = new ArrayList<>();
        // under the synthesis lock: flite_init and registration write the globals a running synthesis reads
        LOCK.lock();
        try {
            flite.flite_init();
            voiceLibraries.forEach((voice, library) -> register(flite, voice, library, voices, loaded));
        } finally {
            LOCK.unlock();
        }
        if (voices.isEmpty()) {
            throw new SynthesizerUnavailableException(
                    "flite text-to-speech has no voice: none of " + voiceLibraries.values() + " could be loaded; install them with: "
                            + INSTALL_HINT);
        }
        LOG.debugf("flite loaded with voices %s", voices.keySet());
        return new FliteLibrary(flite, Collections.unmodifiableMap(voices), List.copyOf(loaded));
    }

    private static void register(FliteNative flite, String voice, String library, Map<String, Pointer> voices,
            List<NativeLibrary> loaded) {
        try {
            NativeLibrary voiceLibrary = NativeLibrary.getInstance(library);
            Pointer registered = voiceLibrary.getFunction("register_cmu_us_" + voice).invokePointer(new Object[] {null});
            if (registered == null) {
                LOG.warnf("flite voice %s: registration returned no voice", voice);
                return;
            }
            streamFrom(flite, registered);
            voices.put(voice, registered);
            loaded.add(voiceLibrary);
        } catch (UnsatisfiedLinkError absent) {
            LOG.debugf("flite voice %s not installed (%s)", voice, absent.getMessage());
        }
    }

    /**
     * Makes the voice stream: its features get a "streaming_info" whose callback flite calls from inside
     * {@code flite_text_to_wave} each time about {@value #STREAM_PIECE_SAMPLES} more samples are ready.
     */
    private static void streamFrom(FliteNative flite, Pointer voice) {
        Pointer info = flite.new_audio_streaming_info();
        FliteNative.StreamingInfo streaming = new FliteNative.StreamingInfo(info);
        streaming.min_buffsize = STREAM_PIECE_SAMPLES;
        streaming.asc = STREAM_CALLBACK;
        streaming.write();
        Pointer features = voice.getPointer(Native.POINTER_SIZE); // cst_voice: {const char *name; cst_features *features; ...}
        flite.feat_set(features, "streaming_info", flite.audio_streaming_info_val(info));
    }

    private static int onAudioChunk(Pointer wave, int start, int size, int last, Pointer info) {
        SpeechSink sink = streamingTo;
        if (sink == null || sinkFailure != null) {
            return -1;
        }
        if (size > 0 && start == streamedSamples) {
            try {
                FliteNative.Wave filling = new FliteNative.Wave(wave);
                sink.accept(filling.channelZero(start, start + size), filling.sample_rate);
                streamedSamples = start + size;
            } catch (RuntimeException failure) {
                sinkFailure = failure;
                return -1; // CST_AUDIO_STREAM_STOP
            }
        }
        return 0;
    }

    /**
     * The phones flite would say for a lower-case word ("t", "er1", "ax", ...): its CMU lexicon entry, or its
     * letter-to-sound rules for a word the lexicon lacks. Empty when libflite_cmulex is missing.
     */
    List<String> lexiconPhones(String word) {
        LOCK.lock();
        try {
            Pointer lexicon = cmuLexicon();
            if (lexicon == null) {
                return List.of();
            }
            Pointer phones = flite.lex_lookup(lexicon, word, null, null);
            if (phones == null) {
                return List.of();
            }
            try {
                List<String> symbols = new ArrayList<>();
                for (Pointer cell = phones; cell != null; cell = flite.val_cdr(cell)) {
                    symbols.add(flite.val_string(flite.val_car(cell)));
                }
                return symbols;
            } finally {
                flite.delete_val(phones);
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** flite's US English lexicon (libflite_cmulex, which every voice links), opened on first use; null if absent. */
    private Pointer cmuLexicon() {
        if (cmuLexicon == null && cmulexLibrary == null) {
            try {
                cmulexLibrary = NativeLibrary.getInstance(LIBCMULEX);
                cmuLexicon = cmulexLibrary.getFunction("cmu_lex_init").invokePointer(new Object[0]);
            } catch (UnsatisfiedLinkError absent) {
                LOG.debugf("flite lexicon not available: %s", absent.getMessage());
            }
        }
        return cmuLexicon;
    }

    List<String> voices() {
        return List.copyOf(voices.keySet());
    }

    Speech synthesize(String text, String voice) {
        List<short[]> pieces = new ArrayList<>();
        int[] rate = {SAMPLE_RATE};
        synthesize(text, voice, (samples, sampleRate) -> {
            pieces.add(samples);
            rate[0] = sampleRate;
        });
        short[] all = new short[pieces.stream().mapToInt(piece -> piece.length).sum()];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return new Speech(all, rate[0]);
    }

    /**
     * Synthesizes under the process-wide lock, handing pieces to {@code sink} as flite makes them; whatever flite did
     * not stream (a voice without streaming support) follows when it is done, so the sink always gets the whole wave.
     */
    void synthesize(String text, String voice, SpeechSink sink) {
        Pointer nativeVoice = voices.get(voice);
        if (nativeVoice == null) {
            throw new IllegalArgumentException("no flite voice '" + voice + "'; available: " + voices.keySet());
        }
        if (text == null || text.isBlank()) {
            // flite answers an empty text with an empty wave at its 8 kHz default, not at the voice's rate
            return;
        }
        LOCK.lock();
        try {
            streamingTo = sink;
            streamedSamples = 0;
            sinkFailure = null;
            Pointer wave = flite.flite_text_to_wave(text, nativeVoice);
            if (sinkFailure != null) {
                if (wave != null) {
                    flite.delete_wave(wave);
                }
                throw sinkFailure;
            }
            if (wave == null) {
                throw new IllegalStateException("flite returned no audio for voice " + voice);
            }
            try {
                FliteNative.Wave whole = new FliteNative.Wave(wave);
                if (whole.num_samples > streamedSamples) {
                    sink.accept(whole.channelZero(streamedSamples, whole.num_samples), whole.sample_rate);
                }
            } finally {
                flite.delete_wave(wave);
            }
        } finally {
            streamingTo = null;
            sinkFailure = null;
            LOCK.unlock();
        }
    }

    private static Map<String, String> orderedVoices() {
        Map<String, String> voices = new LinkedHashMap<>();
        for (String voice : List.of("slt", "rms", "awb", "kal16")) {
            voices.put(voice, "libflite_cmu_us_" + voice + ".so.1");
        }
        return Collections.unmodifiableMap(voices);
    }
}
