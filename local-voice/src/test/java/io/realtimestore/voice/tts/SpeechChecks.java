package io.realtimestore.voice.tts;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every engine's speech must look like, and how fast an engine is. */
final class SpeechChecks {

    /** Eight words; spoken at a normal pace it lasts about two and a half seconds. */
    static final String EIGHT_WORDS = "The Meadow four dome tent is in stock.";

    static final List<String> REPLY = List.of(
            "I found three tents under four hundred dollars.",
            "The Ridgeline 2 Ultralight Tent weighs 1.4 kilograms and costs 289 dollars.",
            "The Meadow 4 Dome Tent sleeps four people and costs 139 dollars.",
            "Would you like to hear more about one of them?");

    private SpeechChecks() {
    }

    /** Plausible duration for eight words, at the engine's rate, and loud enough to be speech rather than silence. */
    static void assertSpokenSentence(Speech speech, int sampleRate) {
        assertThat(speech.sampleRate()).isEqualTo(sampleRate);
        assertThat(speech.durationMs()).isBetween(1500L, 4000L);
        assertThat(rms(speech.samples())).as("RMS of the samples").isGreaterThan(300.0);
        assertThat(peak(speech.samples())).as("peak sample").isGreaterThan(3000);
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    static int peak(short[] samples) {
        int peak = 0;
        for (short sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }

    /** Synthesis time over audio time for the reply, after one warm-up sentence; printed for the build log. */
    static double realTimeFactor(SpeechSynthesizer synthesizer, String voice) {
        synthesizer.synthesize(EIGHT_WORDS, voice);
        long audioMs = 0;
        long started = System.nanoTime();
        for (String sentence : REPLY) {
            audioMs += synthesizer.synthesize(sentence, voice).durationMs();
        }
        double synthesisMs = (System.nanoTime() - started) / 1e6;
        double rtf = synthesisMs / audioMs;
        System.out.printf("TTS %s/%s: %.0f ms to synthesise %d ms of audio, RTF %.4f%n",
                synthesizer.name(), voice, synthesisMs, audioMs, rtf);
        return rtf;
    }
}
