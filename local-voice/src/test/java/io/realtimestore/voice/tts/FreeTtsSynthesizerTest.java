package io.realtimestore.voice.tts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeTtsSynthesizerTest {

    private static FreeTtsSynthesizer freetts;

    @BeforeAll
    static void load() {
        freetts = FreeTtsSynthesizer.load();
    }

    @AfterAll
    static void close() {
        freetts.close();
    }

    @Test
    void offersKevin16() {
        assertThat(freetts.name()).isEqualTo("freetts");
        assertThat(freetts.voices()).containsExactly("kevin16");
    }

    @Test
    void speaksASentenceAt16kHzWithoutASoundDevice() {
        SpeechChecks.assertSpokenSentence(freetts.synthesize(SpeechChecks.EIGHT_WORDS, "kevin16"), 16000);
    }

    @Test
    void severalSentencesInOneTextAreAllKept() {
        long one = freetts.synthesize(SpeechChecks.EIGHT_WORDS, "kevin16").durationMs();
        long two = freetts.synthesize(SpeechChecks.EIGHT_WORDS + " " + SpeechChecks.EIGHT_WORDS, "kevin16").durationMs();
        assertThat(two).isGreaterThan(one * 18 / 10);
    }

    @Test
    void concurrentCallersAreServedOneAtATime() {
        short[] alone = freetts.synthesize(SpeechChecks.EIGHT_WORDS, "kevin16").samples();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<short[]>> spoken = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> freetts.synthesize(SpeechChecks.EIGHT_WORDS, "kevin16").samples(), pool))
                    .toList();
            spoken.forEach(future -> assertThat(future.join()).isEqualTo(alone));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void realTimeFactorIsFarBelowOne() {
        assertThat(SpeechChecks.realTimeFactor(freetts, "kevin16")).isLessThan(0.5);
    }

    @Test
    void blankTextIsSilence() {
        assertThat(freetts.synthesize("", "kevin16").samples()).isEmpty();
    }

    @Test
    void rejectsAFliteVoice() {
        assertThatThrownBy(() -> freetts.synthesize("hello", "slt")).isInstanceOf(IllegalArgumentException.class);
    }
}
