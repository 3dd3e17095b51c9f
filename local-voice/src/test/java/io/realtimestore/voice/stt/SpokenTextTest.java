package io.realtimestore.voice.stt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpokenTextTest {

    @Test
    void numbersAndUnitsAreSpelledOutAsWords() {
        assertThat(SpokenText.of("Maxcell 20000 65W Laptop Power Bank").readings())
                .containsExactly("maxcell twenty thousand sixty five watt laptop power bank");
        assertThat(SpokenText.of("Cast Iron Camp Dutch Oven 4.7 L").readings())
                .containsExactly("cast iron camp dutch oven four point seven liter");
        assertThat(SpokenText.of("Glacier -18 Down Sleeping Bag").readings())
                .containsExactly("glacier minus eighteen down sleeping bag");
        assertThat(SpokenText.of("10000mah").readings()).containsExactly("ten thousand milliamp hour");
        assertThat(SpokenText.of("Trailmix 3-Season Synthetic Mummy Bag").readings())
                .containsExactly("trailmix three season synthetic mummy bag");
    }

    @Test
    void aNumberWithAPairedReadingGivesASecondReading() {
        assertThat(SpokenText.of("Filter Bottle 750 ml").readings()).containsExactly(
                "filter bottle seven hundred fifty milliliter", "filter bottle seven fifty milliliter");
    }

    @Test
    void acronymsAndModelCodesAreMarkedAsSpelledOut() {
        SpokenText.Spoken camera = SpokenText.of("Tough TX5 Waterproof Compact Camera");
        assertThat(camera.readings()).containsExactly("tough tx five waterproof compact camera");
        assertThat(camera.spelledOutWords()).containsExactly("tx");
        assertThat(SpokenText.of("Beacon PLB Personal Locator Beacon").spelledOutWords()).containsExactly("plb");
        assertThat(SpokenText.of("ipx7").spelledOutWords()).containsExactly("ipx");
        assertThat(SpokenText.of("multi-gnss").readings()).containsExactly("multi gnss");
        assertThat(SpokenText.of("multi-gnss").spelledOutWords()).containsExactly("gnss");
        assertThat(SpokenText.of("NORDIC Walking Poles").spelledOutWords()).as("a long word in capitals is a word")
                .isEmpty();
    }

    @Test
    void punctuationBecomesWordsOrGoesAway() {
        assertThat(SpokenText.of("Powder Ski & Trek Poles").readings()).containsExactly("powder ski and trek poles");
        assertThat(SpokenText.of("Glacier -10 Women's Down Sleeping Bag").readings())
                .containsExactly("glacier minus ten women's down sleeping bag");
        assertThat(SpokenText.of("Hearth Smart Wi-Fi Speaker").readings()).containsExactly("hearth smart wi-fi speaker");
        assertThat(SpokenText.of("Bassline Wireless On-Ear Headphones").readings())
                .containsExactly("bassline wireless on ear headphones");
        assertThat(SpokenText.of("Crème Brûlée Stove, \"Deluxe\"").readings())
                .containsExactly("creme brulee stove deluxe");
    }
}
