package io.realtimestore.voice.tts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {

    @Test
    void splitsAtSentenceEnds() {
        assertThat(SentenceSplitter.sentences("I found two tents. Which one do you like? The first is great!"))
                .containsExactly("I found two tents.", "Which one do you like?", "The first is great!");
    }

    @Test
    void pricesAndDecimalsStayInOneSentence() {
        assertThat(SentenceSplitter.sentences("The Ridgeline 2 costs $289.00 and weighs 1.4 kg. It has two doors."))
                .containsExactly("The Ridgeline 2 costs $289.00 and weighs 1.4 kg.", "It has two doors.");
        assertThat(SentenceSplitter.sentences("It weighs 2.5 kg. The price is 289.00 USD."))
                .containsExactly("It weighs 2.5 kg.", "The price is 289.00 USD.");
    }

    @Test
    void aPriceAtTheEndOfASentenceStillEndsIt() {
        assertThat(SentenceSplitter.sentences("That one is $139. Shall I check stock?"))
                .containsExactly("That one is $139.", "Shall I check stock?");
    }

    @Test
    void abbreviationsDoNotEndSentences() {
        assertThat(SentenceSplitter.sentences("Pick a light tent, e.g. The Ridgeline 2. Or a cheaper one, i.e. the Meadow."))
                .containsExactly("Pick a light tent, e.g. The Ridgeline 2.", "Or a cheaper one, i.e. the Meadow.");
        assertThat(SentenceSplitter.sentences("Ridgeline vs. Meadow: the Meadow is heavier."))
                .containsExactly("Ridgeline vs. Meadow: the Meadow is heavier.");
    }

    @Test
    void aLowercaseWordContinuesTheSentence() {
        assertThat(SentenceSplitter.sentences("It weighs approx. two kilos. Nice."))
                .containsExactly("It weighs approx. two kilos.", "Nice.");
    }

    @Test
    void numberedListsOnSeparateLines() {
        String answer = """
                Here are two tents:
                1. Ridgeline 2 Ultralight Tent, $289.00.
                2. Meadow 4 Dome Tent, $139.00.

                Want details?""";
        assertThat(SentenceSplitter.sentences(answer)).containsExactly(
                "Here are two tents:", "1. Ridgeline 2 Ultralight Tent, $289.00.", "2. Meadow 4 Dome Tent, $139.00.",
                "Want details?");
    }

    @Test
    void numberedListsInline() {
        assertThat(SentenceSplitter.sentences("Two tents: 1. Ridgeline 2, $289. 2. Meadow 4, $139. Want details?"))
                .containsExactly("Two tents: 1. Ridgeline 2, $289.", "2. Meadow 4, $139.", "Want details?");
    }

    @Test
    void aModelNumberAtTheEndOfASentenceEndsIt() {
        assertThat(SentenceSplitter.sentences("I recommend the Ridgeline 2. It is light."))
                .containsExactly("I recommend the Ridgeline 2.", "It is light.");
    }

    @Test
    void closingQuotesAndEllipsesBelongToTheSentence() {
        assertThat(SentenceSplitter.sentences("It is called \"Ridgeline.\" Hmm… Let me check."))
                .containsExactly("It is called \"Ridgeline.\"", "Hmm…", "Let me check.");
    }

    @Test
    void anUnfinishedTailIsTheLastSentence() {
        assertThat(SentenceSplitter.sentences("Sure. The cheapest sleeping bag is the"))
                .containsExactly("Sure.", "The cheapest sleeping bag is the");
    }

    @Test
    void nothingToSay() {
        assertThat(SentenceSplitter.sentences("  \n ")).isEmpty();
        assertThat(SentenceSplitter.sentences(null)).isEmpty();
    }
}
