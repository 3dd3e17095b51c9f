package io.realtimestore.voice.tts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FliteSynthesizerTest {

    private static FliteSynthesizer flite;
    private static String unavailable;

    @BeforeAll
    static void load() {
        try {
            flite = FliteSynthesizer.load();
        } catch (SynthesizerUnavailableException e) {
            unavailable = e.getMessage();
        }
    }

    @AfterAll
    static void close() {
        if (flite != null) {
            flite.close();
        }
    }

    private static FliteSynthesizer flite() {
        assumeTrue(flite != null, () -> "libflite is not installed here: " + unavailable);
        return flite;
    }

    @Test
    void offersTheDebianVoicesFemaleFirst() {
        assertThat(flite().voices()).containsExactly("slt", "rms", "awb", "kal16");
        assertThat(flite.name()).isEqualTo("flite");
    }

    @Test
    void theClustergenVoicesStreamPiecesThatMakeUpTheWholeSentence() {
        for (String voice : flite().voices()) {
            List<short[]> pieces = new ArrayList<>();
            flite.synthesize(SpeechChecks.EIGHT_WORDS, voice, (samples, rate) -> {
                assertThat(rate).isEqualTo(16000);
                pieces.add(samples);
            });
            short[] streamed = new short[pieces.stream().mapToInt(piece -> piece.length).sum()];
            int at = 0;
            for (short[] piece : pieces) {
                System.arraycopy(piece, 0, streamed, at, piece.length);
                at += piece.length;
            }

            // the same length as one piece (flite's excitation noise is random, so the samples themselves differ)
            assertThat(streamed.length).as(voice).isEqualTo(flite.synthesize(SpeechChecks.EIGHT_WORDS, voice).samples().length);
            SpeechChecks.assertSpokenSentence(new Speech(streamed, 16000), 16000);
            if (!voice.equals("kal16")) { // kal16 is a diphone voice: flite streams only its clustergen voices
                assertThat(pieces).as(voice).hasSizeGreaterThan(5);
                assertThat(pieces.get(0).length).as(voice).isBetween(1600, 1800);
            }
        }
    }

    @Test
    void aSinkThatFailsStopsThatSynthesisOnly() {
        List<short[]> pieces = new ArrayList<>();

        assertThatThrownBy(() -> flite().synthesize(SpeechChecks.EIGHT_WORDS, "slt", (samples, rate) -> {
            pieces.add(samples);
            throw new IllegalStateException("client gone");
        })).isInstanceOf(IllegalStateException.class).hasMessage("client gone");
        assertThat(pieces).hasSize(1);
        SpeechChecks.assertSpokenSentence(flite.synthesize(SpeechChecks.EIGHT_WORDS, "slt"), 16000);
    }

    @Test
    void everyVoiceSpeaksASentenceAt16kHz() {
        for (String voice : flite().voices()) {
            SpeechChecks.assertSpokenSentence(flite.synthesize(SpeechChecks.EIGHT_WORDS, voice), 16000);
        }
    }

    /**
     * Four threads on four different voices, then on the same voice, all at once. Flite's clustergen voices add random
     * noise to the excitation, so samples differ from run to run; the length (set by the durations the model predicts)
     * and the loudness do not, and a race inside flite would show in either or crash the JVM.
     */
    @Test
    void fourThreadsAtOnceGetTheSameSpeechAsOneThreadAlone() throws Exception {
        FliteSynthesizer synthesizer = flite();
        List<String> voices = synthesizer.voices();
        assertConcurrentSynthesisMatchesSerial(synthesizer, t -> voices.get(t % voices.size()));
        assertConcurrentSynthesisMatchesSerial(synthesizer, t -> "slt");
    }

    private static void assertConcurrentSynthesisMatchesSerial(FliteSynthesizer synthesizer, IntFunction<String> voiceOfThread)
            throws Exception {
        int threads = 4;
        List<String> sentences = SpeechChecks.REPLY;
        Map<String, Speech> alone = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            for (String sentence : sentences) {
                String voice = voiceOfThread.apply(t);
                alone.computeIfAbsent(voice + "|" + sentence, key -> synthesizer.synthesize(sentence, voice));
            }
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Speech>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Speech>> speakAll = () -> {
                    start.await();
                    List<Speech> spoken = new ArrayList<>();
                    // each thread starts at a different sentence so different texts overlap in time
                    for (int i = 0; i < sentences.size() * 3; i++) {
                        spoken.add(synthesizer.synthesize(sentences.get((thread + i) % sentences.size()), voiceOfThread.apply(thread)));
                    }
                    return spoken;
                };
                results.add(pool.submit(speakAll));
            }
            for (int t = 0; t < threads; t++) {
                List<Speech> spoken = results.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < spoken.size(); i++) {
                    Speech expected = alone.get(voiceOfThread.apply(t) + "|" + sentences.get((t + i) % sentences.size()));
                    Speech actual = spoken.get(i);
                    assertThat(actual.samples()).as("thread %d, synthesis %d: length", t, i).hasSameSizeAs(expected.samples());
                    assertThat(SpeechChecks.rms(actual.samples())).as("thread %d, synthesis %d: RMS", t, i)
                            .isCloseTo(SpeechChecks.rms(expected.samples()), withinPercentage(10));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void realTimeFactorIsFarBelowOne() {
        FliteSynthesizer synthesizer = flite();
        for (String voice : synthesizer.voices()) {
            assertThat(SpeechChecks.realTimeFactor(synthesizer, voice)).isLessThan(0.5);
        }
    }

    @Test
    void blankTextIsSilence() {
        Speech speech = flite().synthesize("  ", "slt");
        assertThat(speech.samples()).isEmpty();
        assertThat(speech.sampleRate()).isEqualTo(16000);
    }

    @Test
    void rejectsAnUnknownVoice() {
        assertThatThrownBy(() -> flite().synthesize("hello", "kevin16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kevin16").hasMessageContaining("slt");
    }

    @Test
    void aClosedSynthesizerRefusesWorkButLeavesTheSharedVoicesUsable() {
        flite();
        FliteSynthesizer second = FliteSynthesizer.load();
        second.close();
        assertThatThrownBy(() -> second.synthesize("hello", "slt")).isInstanceOf(IllegalStateException.class);
        assertThat(flite.synthesize("hello", "slt").samples()).isNotEmpty();
    }

    @Test
    void aMissingLibfliteNamesThePackageToInstall() {
        assertThatThrownBy(() -> FliteLibrary.open("libflite_not_installed.so.1", FliteLibrary.VOICE_LIBRARIES))
                .isInstanceOf(SynthesizerUnavailableException.class)
                .hasMessageContaining("apt-get install libflite1")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void voicesWhoseLibraryIsMissingAreLeftOut() {
        flite();
        FliteLibrary partial = FliteLibrary.open(FliteLibrary.LIBFLITE,
                Map.of("slt", "libflite_cmu_us_slt.so.1", "nosuch", "libflite_cmu_us_nosuch.so.1"));
        assertThat(partial.voices()).containsExactly("slt");
    }
}
