package io.realtimestore.voice.stt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.realtimestore.voice.tts.FliteLexicon;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DomainPronunciationsTest {

    private static CmuDictionary cmudict;
    private static DomainPronunciations pronunciations;

    @BeforeAll
    static void readCmudict() {
        cmudict = CmuDictionary.read(SphinxModelFiles.extractTo(Path.of("target", "stt-model")).dictionary());
        pronunciations = new DomainPronunciations(cmudict, new LetterToSound());
    }

    @Test
    void wordsInCmudictNeedNoEntry() {
        assertThat(pronunciations.entriesFor(List.of("tent", "sleeping", "women's"), Set.of())).isEmpty();
    }

    @Test
    void aCompoundOfTwoDictionaryWordsComesFirstThenLetterToSound() {
        List<DictionaryEntry> entries = pronunciations.entriesFor(List.of("ultralight"), Set.of());

        assertThat(entries.getFirst()).isEqualTo(new DictionaryEntry("ultralight", "AH L T R AH L AY T"));
        assertThat(entries).extracting(DictionaryEntry::word).containsExactly("ultralight", "ultralight(2)");
        assertThat(entries.get(1).phones()).isEqualTo(new LetterToSound().pronounce("ultralight").orElseThrow());
    }

    @Test
    void flitesLetterToSoundAddsItsReadingOfAnInventedName() {
        Optional<FliteLexicon> flite = FliteLexicon.load();
        assumeTrue(flite.isPresent(), "libflite is not installed here");
        DomainPronunciations withFlite = new DomainPronunciations(cmudict, new LetterToSound(flite));

        // FreeTTS's older rules put a vowel between the T and the R; flite (and the flite voices) do not
        assertThat(withFlite.entriesFor(List.of("voltaric"), Set.of())).containsExactly(
                new DictionaryEntry("voltaric", "V OW L T AE R IH K"), new DictionaryEntry("voltaric(2)", "V OW L T R IH K"));
        // where both rule sets agree, one entry
        assertThat(withFlite.entriesFor(List.of("tidewave"), Set.of())).hasSize(1);
    }

    @Test
    void aCompoundSaysTheSharedSoundOnce() {
        assertThat(pronunciations.entriesFor(List.of("bassline"), Set.of()).getFirst())
                .isEqualTo(new DictionaryEntry("bassline", "B AE S L AY N"));
    }

    @Test
    void anAcronymGetsItsLetterReadingAsAnAlternative() {
        assertThat(cmudict.pronunciations("led")).containsExactly("L EH D");

        assertThat(pronunciations.entriesFor(List.of("led", "plb"), Set.of("led", "plb"))).containsExactly(
                new DictionaryEntry("led(2)", "EH L IY D IY"), new DictionaryEntry("plb", "P IY EH L B IY"));
    }

    @Test
    void everyPronunciationForTheSeedCatalogUsesOnlyPhonesOfTheAcousticModel() {
        DomainCorpus corpus = new DomainCorpus(SeedCatalog.vocabulary());
        List<String> words = corpus.sentences().stream().flatMap(sentence -> Arrays.stream(sentence.split(" ")))
                .distinct().toList();

        List<DictionaryEntry> entries = pronunciations.entriesFor(words, corpus.spelledOutWords());

        assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry.phones().split(" "))
                .allMatch(LetterToSound.SPHINX_PHONES::contains));
        assertThat(words).allMatch(word -> cmudict.contains(word)
                || entries.stream().anyMatch(entry -> entry.word().equals(word)), "every word can be said");
    }
}
