package io.realtimestore.gateway.upstream;

import io.quarkus.logging.Log;
import io.realtimestore.gateway.client.CatalogVocabularyReader;
import io.realtimestore.voice.LocalVoiceEngine;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Keeps the local engine's catalog vocabulary current: read at start, then every refresh interval. */
final class CatalogFeed {

    private static final Duration RETRY = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final CatalogVocabularyReader reader;
    private final LocalVoiceEngine engine;
    private final Duration refresh;
    private boolean loadedOnce;

    CatalogFeed(Vertx vertx, CatalogVocabularyReader reader, LocalVoiceEngine engine, Duration refresh) {
        this.vertx = vertx;
        this.reader = reader;
        this.engine = engine;
        this.refresh = refresh;
    }

    void start() {
        vertx.setTimer(1, ignored -> load());
    }

    private void load() {
        reader.read().subscribe().with(vocabulary -> {
            // the language model is rebuilt off the event loop: it takes a second or two
            vertx.executeBlocking(() -> {
                engine.useCatalog(vocabulary);
                return null;
            }, false).onComplete(done -> {
                if (done.failed()) {
                    Log.errorf(done.cause(), "The local voice engine could not use the catalog vocabulary");
                } else if (!loadedOnce) {
                    Log.infof("Local voice engine: catalog vocabulary loaded (%d products, %d categories, %d brands)",
                            vocabulary.productNames().size(), vocabulary.categories().size(), vocabulary.brands().size());
                }
                loadedOnce = true;
                vertx.setTimer(refresh.toMillis(), ignored -> load());
            });
        }, failure -> {
            Log.warnf("Local voice engine: cannot read the catalog from products-service yet (%s); retrying in %d s. "
                    + "Until then the assistant knows no category or brand names.", failure.toString(), RETRY.toSeconds());
            vertx.setTimer(loadedOnce ? refresh.toMillis() : RETRY.toMillis(), ignored -> load());
        });
    }
}
