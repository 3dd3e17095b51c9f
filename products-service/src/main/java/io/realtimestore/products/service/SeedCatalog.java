package io.realtimestore.products.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.realtimestore.dto.ImportReport;
import io.realtimestore.products.config.ProductsConfig;
import io.realtimestore.products.repository.ProductRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the bundled seed catalog (written for this project) through the import path when the catalog is empty. */
@ApplicationScoped
public class SeedCatalog {

    private final ProductsConfig config;
    private final ProductRepository products;
    private final ImportService importer;

    SeedCatalog(ProductsConfig config, ProductRepository products, ImportService importer) {
        this.config = config;
        this.products = products;
        this.importer = importer;
    }

    public void loadIfCatalogEmpty() {
        if (!config.seed().enabled() || QuarkusTransaction.requiringNew().call(products::count) > 0) {
            return;
        }
        String resource = config.seed().resource();
        try (InputStream seed = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (seed == null) {
                throw new IllegalStateException("Seed catalog resource " + resource + " is missing");
            }
            ImportReport report = importer.importProducts(seed, ImportService.Format.NDJSON);
            Log.infof("Seed catalog loaded: %d products (%d rejected)", report.accepted(), report.rejected());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
