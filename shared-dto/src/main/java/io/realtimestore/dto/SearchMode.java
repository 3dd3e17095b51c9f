package io.realtimestore.dto;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How a search ranks: BM25 keywords, embedding similarity, or a fusion of both (the default). */
public enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SearchMode> fromWireName(String value) {
        for (SearchMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
