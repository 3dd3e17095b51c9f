package io.realtimestore.voice.stt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DomainCorpusTest {

    private final DomainCorpus corpus = new DomainCorpus(SeedCatalog.vocabulary());

    @Test
    void everyProductCategoryAndBrandIsInTheSentencesAsSpoken() {
        List<String> sentences = corpus.sentences();

        assertThat(sentences).contains("is the ridgeline two ultralight tent in stock",
                "is the maxcell twenty thousand sixty five watt laptop power bank in stock",
                "do you have anything from terravolt", "show me sleeping bags", "what is the cheapest sleeping bag",
                "compare the first two", "thanks that's all");
        assertThat(sentences).anyMatch(sentence -> sentence.matches("show me \\S.* under .+ dollars"));
        assertThat(sentences).noneMatch(sentence -> sentence.contains("{") || !sentence.equals(sentence.toLowerCase()));
    }

    @Test
    void theSameVocabularyAlwaysGivesTheSameCorpus() {
        assertThat(new DomainCorpus(SeedCatalog.vocabulary()).sentences()).isEqualTo(corpus.sentences());
    }

    @Test
    void acronymsOfTheCatalogAreCollected() {
        assertThat(corpus.spelledOutWords()).contains("gps", "led", "anc", "tx");
    }

    @Test
    void anEmptyCatalogStillGivesTheConversationalSentences() {
        List<String> sentences = new DomainCorpus(CatalogVocabulary.empty()).sentences();

        assertThat(sentences).contains("how much is it", "tell me more about the second one", "under fifty dollars");
        assertThat(sentences).noneMatch(sentence -> sentence.contains("{"));
    }

    @Test
    void categoriesAreMadeSingularForItemTemplates() {
        assertThat(DomainCorpus.singular("sleeping bags")).isEqualTo("sleeping bag");
        assertThat(DomainCorpus.singular("smart watches")).isEqualTo("smart watch");
        assertThat(DomainCorpus.singular("batteries")).isEqualTo("battery");
        assertThat(DomainCorpus.singular("gps units")).isEqualTo("gps unit");
        assertThat(DomainCorpus.singular("cookware")).isEqualTo("cookware");
        assertThat(DomainCorpus.singular("glass")).isEqualTo("glass");
    }
}
