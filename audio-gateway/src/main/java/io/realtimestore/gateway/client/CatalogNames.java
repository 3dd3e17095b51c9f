package io.realtimestore.gateway.client;

import io.quarkus.logging.Log;
import io.realtimestore.gateway.config.UpstreamConfig;
import io.realtimestore.voice.assistant.CatalogTerms;
import io.realtimestore.voice.stt.CatalogVocabulary;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The catalog's names (categories, brands, product names) for the offline assistant, voice and text: read from
 * products-service once something follows them, then every refresh interval. products-service may start after the
 * gateway: until the first read succeeds, it is retried every 15 s.
 */
@ApplicationScoped
public class CatalogNames {

    private static final Duration RETRY = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final CatalogVocabularyReader reader;
    private final Duration refresh;
    private final List<Consumer<CatalogVocabulary>> followers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile CatalogTerms terms = CatalogTerms.empty();
    private volatile boolean loadedOnce;

    CatalogNames(Vertx vertx, CatalogVocabularyReader reader, UpstreamConfig config) {
        this.vertx = vertx;
        this.reader = reader;
        this.refresh = config.local().catalogRefresh();
    }

    /**
     * Calls {@code follower} with every vocabulary read from now on, off the event loop (the voice engine rebuilds
     * its language model, which takes a second or two). The first follower starts the reading.
     */
    public void follow(Consumer<CatalogVocabulary> follower) {
        followers.add(follower);
        start();
    }

    /** Starts reading without a follower: for users of {@link #terms()} alone. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            vertx.setTimer(1, ignored -> load());
        }
    }

    /** The category and brand names as the offline assistant matches them; empty until the first read. */
    public CatalogTerms terms() {
        return terms;
    }

    public boolean loaded() {
        return loadedOnce;
    }

    private void load() {
        reader.read().subscribe().with(vocabulary -> {
            terms = new CatalogTerms(vocabulary.categories(), vocabulary.brands());
            vertx.executeBlocking(() -> {
                followers.forEach(follower -> follower.accept(vocabulary));
                return null;
            }, false).onComplete(done -> {
                if (done.failed()) {
                    Log.errorf(done.cause(), "The catalog vocabulary could not be used");
                } else if (!loadedOnce) {
                    Log.infof("Catalog vocabulary loaded for the offline assistant (%d products, %d categories, %d brands)",
                            vocabulary.productNames().size(), vocabulary.categories().size(), vocabulary.brands().size());
                }
                loadedOnce = true;
                vertx.setTimer(refresh.toMillis(), ignored -> load());
            });
        }, failure -> {
            Log.warnf("Cannot read the catalog from products-service yet (%s); retrying in %d s. Until then the offline "
                    + "assistant knows no category or brand names.", failure.toString(), RETRY.toSeconds());
            vertx.setTimer(loadedOnce ? refresh.toMillis() : RETRY.toMillis(), ignored -> load());
        });
    }
}
