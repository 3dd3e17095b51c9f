package io.realtimestore.voice.stt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMU pronouncing dictionary the decoders load ({@code cmudict-en-us.dict}: "word PH ON ES", alternatives as
 * "word(2) ..."), read on the Java side to find which catalog words it lacks. Held only while a domain LM is built.
 */
final class CmuDictionary {

    private final Map<String, List<String>> pronunciations;

    private CmuDictionary(Map<String, List<String>> pronunciations) {
        this.pronunciations = pronunciations;
    }

    static CmuDictionary read(Path file) {
        Map<String, List<String>> pronunciations = new HashMap<>(200_000);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                String word = line.substring(0, space);
                int alternative = word.indexOf('(');
                String baseWord = alternative > 0 ? word.substring(0, alternative) : word;
                pronunciations.computeIfAbsent(baseWord, w -> new ArrayList<>(1)).add(line.substring(space + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pronouncing dictionary " + file, e);
        }
        return new CmuDictionary(pronunciations);
    }

    /** The word's pronunciations, the main one first; empty when the dictionary lacks the word. */
    List<String> pronunciations(String word) {
        return pronunciations.getOrDefault(word, List.of());
    }

    boolean contains(String word) {
        return pronunciations.containsKey(word);
    }
}
