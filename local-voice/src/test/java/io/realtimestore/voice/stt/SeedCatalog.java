package io.realtimestore.voice.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The vocabulary of the real catalog seed that products-service loads. */
final class SeedCatalog {

    /** Maven runs tests in the module directory. */
    private static final Path SEED = Path.of("../products-service/src/main/resources/seed/catalog.ndjson");

    private SeedCatalog() {
    }

    static CatalogVocabulary vocabulary() {
        List<String> names = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> brands = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(SEED)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode product = json.readTree(line);
                names.add(product.get("name").asText());
                categories.add(product.get("category").asText());
                brands.add(product.get("brand").asText());
                product.get("tags").forEach(tag -> tags.add(tag.asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog seed " + SEED.toAbsolutePath(), e);
        }
        return new CatalogVocabulary(names, List.copyOf(categories), List.copyOf(brands), List.copyOf(tags));
    }
}
