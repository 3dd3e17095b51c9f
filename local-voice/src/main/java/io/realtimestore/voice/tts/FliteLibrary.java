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

    private final FliteNative flite;
    private final Map<String, Pointer> voices;
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
            voiceLibraries.forEach((voice, library) -> register(voice, library, voices, loaded));
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

    private static void register(String voice, String library, Map<String, Pointer> voices, List<NativeLibrary> loaded) {
        try {
            NativeLibrary voiceLibrary = NativeLibrary.getInstance(library);
            Pointer registered = voiceLibrary.getFunction("register_cmu_us_" + voice).invokePointer(new Object[] {null});
            if (registered == null) {
                LOG.warnf("flite voice %s: registration returned no voice", voice);
                return;
            }
            voices.put(voice, registered);
            loaded.add(voiceLibrary);
        } catch (UnsatisfiedLinkError absent) {
            LOG.debugf("flite voice %s not installed (%s)", voice, absent.getMessage());
        }
    }

    List<String> voices() {
        return List.copyOf(voices.keySet());
    }

    Speech synthesize(String text, String voice) {
        Pointer nativeVoice = voices.get(voice);
        if (nativeVoice == null) {
            throw new IllegalArgumentException("no flite voice '" + voice + "'; available: " + voices.keySet());
        }
        if (text == null || text.isBlank()) {
            // flite answers an empty text with an empty wave at its 8 kHz default, not at the voice's rate
            return new Speech(new short[0], SAMPLE_RATE);
        }
        LOCK.lock();
        try {
            Pointer wave = flite.flite_text_to_wave(text, nativeVoice);
            if (wave == null) {
                throw new IllegalStateException("flite returned no audio for voice " + voice);
            }
            try {
                return new FliteNative.Wave(wave).toSpeech();
            } finally {
                flite.delete_wave(wave);
            }
        } finally {
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
