package io.realtimestore.voice.stt;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.realtimestore.voice.tts.FliteLexicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalog part of the decoders' language model: a trigram ARPA file built from the {@link DomainCorpus}, and the
 * pronunciations its words need beyond cmudict. Decoders read the file when they install the model; after that only
 * {@link #generation()} identifies it.
 *
 * @param generation          increases with each vocabulary, so a decoder can tell an old model from the current one
 * @param arpaFile            the LM, ARPA text
 * @param dictionaryAdditions entries to add to every decoder's dictionary
 * @param words               the LM's vocabulary size, without {@code <s>} and {@code </s>}
 * @param sentences           corpus size, for the logs
 */
record DomainLanguageModel(long generation, Path arpaFile, List<DictionaryEntry> dictionaryAdditions, int words,
                           int sentences) {

    /**
     * Builds the model for this vocabulary into a new file in {@code directory} (unique, so that two services
     * sharing a model directory never overwrite each other's file).
     */
    static DomainLanguageModel build(CatalogVocabulary vocabulary, long generation, SphinxModelFiles model,
                                     Path directory) {
        DomainCorpus corpus = new DomainCorpus(vocabulary);
        List<String> sentences = corpus.sentences();
        TrigramLanguageModel lm = TrigramLanguageModel.estimate(sentences);
        List<String> words = lm.vocabulary().stream()
                .filter(word -> !word.equals(TrigramLanguageModel.START) && !word.equals(TrigramLanguageModel.END))
                .toList();
        DomainPronunciations pronunciations =
                new DomainPronunciations(CmuDictionary.read(model.dictionary()), new LetterToSound(FliteLexicon.load()));
        List<DictionaryEntry> additions = pronunciations.entriesFor(words, corpus.spelledOutWords());
        try {
            Files.createDirectories(directory);
            Path arpaFile = Files.createTempFile(directory, "catalog-" + generation + "-", ".arpa");
            lm.writeArpa(arpaFile);
            return new DomainLanguageModel(generation, arpaFile, additions, words.size(), sentences.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the catalog language model to " + directory, e);
        }
    }

    /** Deletes the ARPA file once no decoder will install the model any more (installed copies live in memory). */
    void deleteFile() {
        try {
            Files.deleteIfExists(arpaFile);
        } catch (IOException e) {
            Logger.getLogger(DomainLanguageModel.class).warnf(e, "Cannot delete the old catalog LM %s", arpaFile);
        }
    }
}
