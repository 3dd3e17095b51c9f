package io.realtimestore.gateway.client;

import io.realtimestore.dto.FacetCount;
import io.realtimestore.dto.PageView;
import io.realtimestore.dto.ProductView;
import io.realtimestore.voice.stt.CatalogVocabulary;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads the names in the catalog (categories, brands, product names and tags) for the local voice engine: the
 * assistant matches them in what shoppers say, and the recogniser's language model is built from them.
 */
@ApplicationScoped
public class CatalogVocabularyReader {

    private static final int PAGE_SIZE = 100;
    /** Beyond this the language model gains little; the names of the first 5,000 products are plenty. */
    private static final int MAX_PAGES = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CatalogApi catalog;

    CatalogVocabularyReader(@RestClient CatalogApi catalog) {
        this.catalog = catalog;
    }

    public Uni<CatalogVocabulary> read() {
        Uni<List<String>> categories = catalog.categories().map(CatalogVocabularyReader::names);
        Uni<List<String>> brands = catalog.brands().map(CatalogVocabularyReader::names);
        Uni<List<ProductView>> products = Multi.createBy().repeating()
                .uni(() -> new int[] { 0 }, page -> catalog.products(page[0]++, PAGE_SIZE))
                .whilst(page -> page.page() + 1 < Math.min(page.totalPages(), MAX_PAGES))
                .onItem().transformToIterable(PageView::items)
                .collect().asList();
        return Uni.combine().all().unis(categories, brands, products).asTuple()
                .ifNoItem().after(TIMEOUT).fail()
                .map(all -> {
                    Set<String> tags = new LinkedHashSet<>();
                    List<String> names = new ArrayList<>();
                    for (ProductView product : all.getItem3()) {
                        names.add(product.name());
                        if (product.tags() != null) {
                            tags.addAll(product.tags());
                        }
                    }
                    return new CatalogVocabulary(names, all.getItem1(), all.getItem2(), List.copyOf(tags));
                });
    }

    private static List<String> names(List<FacetCount> facets) {
        return facets.stream().map(FacetCount::name).toList();
    }
}
