package io.realtimestore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The server-owned session configuration and the bounds within which a client may change it. */
@ConfigMapping(prefix = "session")
public interface SessionDefaults {

    /** Shown to the model in the instructions. */
    @WithDefault("Realtime Store")
    String storeName();

    /**
     * Instructions template; {@code {store}} and {@code {date}} are replaced. Absent → the built-in template in
     * {@code session/instructions.txt}.
     */
    Optional<String> instructions();

    @WithDefault("marin")
    String voice();

    /** Voices a client may choose with session.update. */
    @WithDefault("alloy,ash,ballad,coral,echo,sage,shimmer,verse,marin,cedar")
    List<String> allowedVoices();

    /** Transcription model (on Azure: the name of a transcription deployment). */
    @WithDefault("gpt-4o-mini-transcribe")
    String transcriptionModel();

    @WithDefault("near_field")
    String noiseReduction();

    @WithDefault("0.5")
    double vadThreshold();

    @WithDefault("300")
    int vadPrefixPaddingMs();

    /**
     * {@code SESSION_VAD_SILENCE_DURATION_MS}: silence that ends a turn. 200 ms is what the live Realtime services
     * put in session.created (captured examples in shared/realtime), though their docs say 500; every millisecond
     * of it is added to the time before the answer. Raise it for shoppers who pause mid-sentence.
     */
    @WithDefault("200")
    int vadSilenceDurationMs();

    @WithDefault("1024")
    int maxOutputTokens();
}
