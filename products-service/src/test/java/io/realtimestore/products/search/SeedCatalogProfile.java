package io.realtimestore.products.search;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A fresh database holding only the seed catalog, so relevance is measured on exactly that catalog.
 * {@code -Drelevance.model=bge-small-en-v15 -Drelevance.max-tokens=64} measures another configuration.
 */
public class SeedCatalogProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:relevance;MODE=MSSQLServer;DB_CLOSE_DELAY=-1",
                "search.embedding.local-model", System.getProperty("relevance.model", "all-minilm-l6-v2-q"),
                "search.embedding.max-tokens", System.getProperty("relevance.max-tokens", "48"));
    }
}
