package io.realtimestore.voice.stt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogVocabularyTest {

    private final CatalogVocabulary vocabulary = new CatalogVocabulary(
            List.of("Ridgeline 2 Ultralight Tent", "Cubby Kids Sleeping Bag"), List.of("Tents", "Sleeping Bags"),
            List.of("Northwild"), List.of("ultralight", "kids"));

    @Test
    void orderCaseSpacingAndDuplicatesAreNotMaterial() {
        CatalogVocabulary reshuffled = new CatalogVocabulary(
                List.of("cubby kids  sleeping bag", "Ridgeline 2 Ultralight Tent", "Ridgeline 2 Ultralight Tent"),
                List.of("Sleeping Bags", "Tents"), List.of(" Northwild "), List.of("kids", "ultralight"));

        assertThat(vocabulary.differsMateriallyFrom(reshuffled)).isFalse();
    }

    @Test
    void anAddedOrRemovedEntryInAnyListIsMaterial() {
        assertThat(vocabulary.differsMateriallyFrom(new CatalogVocabulary(
                List.of("Ridgeline 2 Ultralight Tent", "Cubby Kids Sleeping Bag", "Zorbix Trail Lantern"),
                vocabulary.categories(), vocabulary.brands(), vocabulary.tags()))).isTrue();
        assertThat(vocabulary.differsMateriallyFrom(new CatalogVocabulary(vocabulary.productNames(),
                vocabulary.categories(), vocabulary.brands(), List.of("kids")))).isTrue();
        assertThat(vocabulary.differsMateriallyFrom(CatalogVocabulary.empty())).isTrue();
    }

    @Test
    void missingListsAreEmpty() {
        CatalogVocabulary namesOnly = new CatalogVocabulary(List.of("Sleep Buds"), null, null, null);

        assertThat(namesOnly.brands()).isEmpty();
        assertThat(CatalogVocabulary.empty().differsMateriallyFrom(new CatalogVocabulary(null, null, null, null)))
                .isFalse();
    }
}
