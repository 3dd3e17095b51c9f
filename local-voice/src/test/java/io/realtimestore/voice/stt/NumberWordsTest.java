package io.realtimestore.voice.stt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberWordsTest {

    @Test
    void cardinalsReadAsWords() {
        assertThat(NumberWords.cardinal(0)).isEqualTo("zero");
        assertThat(NumberWords.cardinal(15)).isEqualTo("fifteen");
        assertThat(NumberWords.cardinal(40)).isEqualTo("forty");
        assertThat(NumberWords.cardinal(99)).isEqualTo("ninety nine");
        assertThat(NumberWords.cardinal(200)).isEqualTo("two hundred");
        assertThat(NumberWords.cardinal(26_800)).isEqualTo("twenty six thousand eight hundred");
        assertThat(NumberWords.cardinal(1_000_005)).isEqualTo("one million five");
        assertThat(NumberWords.cardinal(-18)).isEqualTo("minus eighteen");
    }

    @Test
    void modelNumbersAndPricesAlsoHaveTheirPairedReading() {
        assertThat(NumberWords.readings(750)).containsExactly("seven hundred fifty", "seven fifty");
        assertThat(NumberWords.readings(360)).containsExactly("three hundred sixty", "three sixty");
        assertThat(NumberWords.readings(105)).containsExactly("one hundred five", "one oh five");
        assertThat(NumberWords.readings(1200)).containsExactly("one thousand two hundred", "twelve hundred");
        assertThat(NumberWords.readings(2499)).containsExactly("two thousand four hundred ninety nine",
                "twenty four ninety nine");
        assertThat(NumberWords.readings(200)).containsExactly("two hundred");
        assertThat(NumberWords.readings(2000)).containsExactly("two thousand");
        assertThat(NumberWords.readings(10_000)).containsExactly("ten thousand");
        assertThat(NumberWords.readings(66)).containsExactly("sixty six");
    }

    @Test
    void decimalsReadDigitByDigitAfterThePoint() {
        assertThat(NumberWords.decimal("4.7")).isEqualTo("four point seven");
        assertThat(NumberWords.decimal("0.15")).isEqualTo("zero point one five");
        assertThat(NumberWords.decimal("12")).isEqualTo("twelve");
    }
}
