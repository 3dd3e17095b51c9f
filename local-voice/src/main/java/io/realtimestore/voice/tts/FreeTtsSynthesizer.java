package io.realtimestore.voice.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * FreeTTS 1.2.2, voice kevin16 (a male diphone voice, 16 kHz): pure Java, so it works where libflite is not installed.
 * Robotic but intelligible, and very fast (RTF well under 0.01).
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

    static final String VOICE = "kevin16";
    static final int SAMPLE_RATE = 16000;

    private final Voice voice;
    /** A FreeTTS voice keeps per-utterance state and one audio player, so one text is spoken at a time. */
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private FreeTtsSynthesizer(Voice voice) {
        this.voice = voice;
    }

    /**
     * Allocates the kevin16 voice from the FreeTTS jar (0.3–1.5 s).
     *
     * @throws SynthesizerUnavailableException when the voice cannot be found or allocated
     */
    public static FreeTtsSynthesizer load() {
        // the directory is used directly rather than through VoiceManager, which needs the global "freetts.voices" property
        Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(candidate -> candidate.getName().equals(VOICE))
                .findFirst()
                .orElseThrow(() -> new SynthesizerUnavailableException("FreeTTS has no voice " + VOICE
                        + "; the net.sf.sociaal:freetts jar on the classpath is not the expected 1.2.2"));
        // a player is set before allocation so FreeTTS never creates its default one, which opens a sound device
        voice.setAudioPlayer(new MemoryAudioPlayer());
        try {
            voice.allocate();
        } catch (RuntimeException | Error failure) {
            throw new SynthesizerUnavailableException("FreeTTS voice " + VOICE + " could not be allocated: " + failure, failure);
        }
        return new FreeTtsSynthesizer(voice);
    }

    @Override
    public String name() {
        return "freetts";
    }

    @Override
    public List<String> voices() {
        return List.of(VOICE);
    }

    @Override
    public Speech synthesize(String text, String voiceName) {
        if (!VOICE.equals(voiceName)) {
            throw new IllegalArgumentException("no FreeTTS voice '" + voiceName + "'; available: " + voices());
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the FreeTTS synthesizer is closed");
            }
            if (text == null || text.isBlank()) {
                // FreeTTS writes nothing for an empty text, not even the audio format
                return new Speech(new short[0], SAMPLE_RATE);
            }
            MemoryAudioPlayer player = new MemoryAudioPlayer();
            voice.setAudioPlayer(player);
            if (!voice.speak(text)) {
                throw new IllegalStateException("FreeTTS did not finish speaking the text");
            }
            return player.speech();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                voice.deallocate();
            }
        } finally {
            lock.unlock();
        }
    }
}
