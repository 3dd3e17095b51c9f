package io.realtimestore.store.view;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import io.realtimestore.store.config.StoreConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the pages from the Qute templates under {@code src/main/resources/templates}. Every template is parsed at
 * start-up, so a broken one fails the start rather than a shopper's request; output is HTML-escaped. (The Qute
 * engine is used directly because the Quarkus Qute extensions do not resolve on this project's Maven mirror.)
 */
@ApplicationScoped
public class PageRenderer {

    /** The pages and the fragments they include. */
    static final List<String> TEMPLATES = List.of("layout", "assistant-panel", "product-grid", "home", "products", "product", "search", "error");

    private static final Variant HTML = new Variant(java.util.Locale.ROOT, Variant.TEXT_HTML, "UTF-8");

    private final Engine engine;
    private final Map<String, Template> templates = new HashMap<>();
    private final String storeName;

    PageRenderer(StoreConfig config) {
        this.storeName = config.name();
        this.engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(PageRenderer::locate)
                .removeStandaloneLines(true)
                .build();
        for (String name : TEMPLATES) {
            templates.put(name, engine.getTemplate(name));
        }
    }

    /** Renders a page; {@code store} (the store's name) is available to every template. */
    public Uni<String> render(String page, Map<String, Object> data) {
        Template template = templates.get(page);
        if (template == null) {
            throw new IllegalArgumentException("no template named " + page);
        }
        Map<String, Object> model = new HashMap<>(data);
        model.put("store", storeName);
        return Uni.createFrom().completionStage(() -> template.data(model).renderAsync());
    }

    private static Optional<TemplateLocation> locate(String id) {
        String path = "templates/" + id + ".html";
        if (Thread.currentThread().getContextClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(HTML);
            }
        });
    }
}
