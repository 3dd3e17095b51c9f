package io.realtimestore.voice.tts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpeakableTextTest {

    @Test
    void prices() {
        assertThat(SpeakableText.of("$289.00")).isEqualTo("289 dollars");
        assertThat(SpeakableText.of("289.00 USD")).isEqualTo("289 dollars");
        assertThat(SpeakableText.of("$34.99")).isEqualTo("34 dollars 99");
        assertThat(SpeakableText.of("34.99 USD")).isEqualTo("34 dollars 99");
        assertThat(SpeakableText.of("$1,299.00")).isEqualTo("1299 dollars");
        assertThat(SpeakableText.of("$1")).isEqualTo("1 dollar");
        assertThat(SpeakableText.of("$0.99")).isEqualTo("99 cents");
        assertThat(SpeakableText.of("$2.05")).isEqualTo("2 dollars and 5 cents");
        assertThat(SpeakableText.of("$3.5")).isEqualTo("3 dollars 50");
    }

    @Test
    void pricesInASentence() {
        assertThat(SpeakableText.of("The Ridgeline 2 Ultralight Tent costs $289.00."))
                .isEqualTo("The Ridgeline 2 Ultralight Tent costs 289 dollars.");
        assertThat(SpeakableText.of("Price: 12.99 USD, in stock."))
                .isEqualTo("Price: 12 dollars 99, in stock.");
    }

    @Test
    void unitsBecomeWords() {
        assertThat(SpeakableText.of("1.4 kg")).isEqualTo("1.4 kilograms");
        assertThat(SpeakableText.of("1 kg")).isEqualTo("1 kilogram");
        assertThat(SpeakableText.of("3,000 mm")).isEqualTo("3000 millimeters");
        assertThat(SpeakableText.of("a 750 ml bottle, 10000mAh, 65W and 4.7 L"))
                .isEqualTo("a 750 milliliters bottle, 10000 milliamp hours, 65 watts and 4.7 liters");
        assertThat(SpeakableText.of("rated to -10 °C")).isEqualTo("rated to minus 10 degrees Celsius");
        assertThat(SpeakableText.of("a 30x zoom and 20 MP")).isEqualTo("a 30 times zoom and 20 megapixels");
        assertThat(SpeakableText.of("198 x 132 cm")).isEqualTo("198 by 132 centimeters");
    }

    @Test
    void modelNamesAndNetworksAreNotUnits() {
        assertThat(SpeakableText.of("WinterCore R7 pad")).isEqualTo("WinterCore R7 pad");
        assertThat(SpeakableText.of("Z30 Travel Zoom with 4G")).isEqualTo("Z30 Travel Zoom with 4G");
        assertThat(SpeakableText.of("2 in stock")).isEqualTo("2 in stock");
    }

    @Test
    void hyphensAndRanges() {
        assertThat(SpeakableText.of("2-person")).isEqualTo("2 person");
        assertThat(SpeakableText.of("a 3-season, 400-lumen setup")).isEqualTo("a 3 season, 400 lumen setup");
        assertThat(SpeakableText.of("Glacier -18 Down Sleeping Bag")).isEqualTo("Glacier minus 18 Down Sleeping Bag");
        assertThat(SpeakableText.of("10-20 hours, 10–20 hours")).isEqualTo("10 to 20 hours, 10 to 20 hours");
        assertThat(SpeakableText.of("TNT-1001 and USB-C")).isEqualTo("TNT-1001 and USB-C");
    }

    @Test
    void symbolsBecomeWords() {
        assertThat(SpeakableText.of("Powder Ski & Trek Poles")).isEqualTo("Powder Ski and Trek Poles");
        assertThat(SpeakableText.of("20% off")).isEqualTo("20 percent off");
        assertThat(SpeakableText.of("solar/hand-crank")).isEqualTo("solar or hand-crank");
        assertThat(SpeakableText.of("$5/month")).isEqualTo("5 dollars per month");
        assertThat(SpeakableText.of("IP67 + a USB port, #1 seller")).isEqualTo("IP67 plus a USB port, number 1 seller");
    }

    @Test
    void markdownAndTypographyAreNotRead() {
        assertThat(SpeakableText.of("- **Ridgeline 2** — it’s light…")).isEqualTo("Ridgeline 2, it's light...");
        assertThat(SpeakableText.of("## Tents")).isEqualTo("Tents");
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(SpeakableText.of("Would you like to hear more?")).isEqualTo("Would you like to hear more?");
        assertThat(SpeakableText.of(null)).isEmpty();
    }
}
