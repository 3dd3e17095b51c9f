package io.realtimestore.gateway.chat;

import io.realtimestore.gateway.client.CatalogNames;
import java.util.Optional;

/** The offline engine's rule-based shopping assistant, for text: no model, no network beyond products-service. */
final class LocalAssistant implements AssistantModel {

    private final CatalogNames catalog;

    LocalAssistant(CatalogNames catalog) {
        this.catalog = catalog;
        catalog.start(); // the assistant recognises categories and brands by the catalog's names
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<String> degradedReason() {
        return catalog.loaded() ? Optional.empty() : Optional.of("the catalog has not been read from products-service "
                + "yet, so the offline assistant knows no category or brand names");
    }

    @Override
    public ModelConversation startConversation() {
        return new LocalConversation(catalog.terms());
    }
}
