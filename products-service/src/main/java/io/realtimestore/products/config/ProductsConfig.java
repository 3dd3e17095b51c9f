package io.realtimestore.products.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Catalog settings: where local state lives, write credentials, paging, request and import limits. */
@ConfigMapping(prefix = "products")
public interface ProductsConfig {

    /** Holds the embedded database, the generated API key and the search index. */
    Path dataDir();

    /** {@code PRODUCTS_API_KEY}; when absent a key is generated at first start and kept in the data dir. */
    Optional<String> apiKey();

    Paging paging();

    Limits limits();

    Import importing();

    Seed seed();

    interface Paging {
        @WithDefault("20")
        int defaultSize();

        @WithDefault("100")
        int maxSize();
    }

    interface Limits {
        /** Largest JSON body accepted by the single-product endpoints (imports stream and are not limited by it). */
        @WithDefault("65536")
        int maxJsonBodyBytes();
    }

    interface Import {
        @WithDefault("500")
        int batchSize();

        /** How many rejected rows an import report lists with their reason; all are counted. */
        @WithDefault("1000")
        int maxListedRejections();

        /** Longest accepted line (NDJSON) or record (CSV), so one runaway row cannot exhaust memory. */
        @WithDefault("65536")
        int maxRowChars();
    }

    interface Seed {
        /** Load the bundled seed catalog when the catalog is empty at start. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("seed/catalog.ndjson")
        String resource();
    }
}
