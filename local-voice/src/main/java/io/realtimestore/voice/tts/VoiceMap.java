package io.realtimestore.voice.tts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the engine voice for a GA Realtime session voice. The offline engines have few voices, so the aim is only that
 * a "female" session voice sounds female and a "male" one male, and that the choice is stable for a session name.
 */
public final class VoiceMap {

    private static final List<String> FEMALE = List.of("slt");
    /** rms first: it is the clearest male flite voice (awb has a Scottish accent, kal16 is a diphone voice). */
    private static final List<String> MALE = List.of("rms", "awb", "kal16");

    /**
     * GA voice → engine voices in order of preference. alloy is described as neutral; slt, the clearest voice, is used.
     * Male voices spread over the male engine voices, so two male session voices are told apart where possible.
     */
    private static final Map<String, List<String>> PREFERENCES = Map.of(
            "alloy", FEMALE,
            "coral", FEMALE,
            "sage", FEMALE,
            "shimmer", FEMALE,
            "marin", FEMALE,
            "ash", MALE,
            "echo", List.of("awb", "rms", "kal16"),
            "ballad", List.of("kal16", "rms", "awb"),
            "verse", List.of("awb", "rms", "kal16"),
            "cedar", MALE);

    /** For unknown names: the voice a first-time listener understands best. */
    private static final List<String> DEFAULT = List.of("slt", "rms", "awb", "kal16");

    private VoiceMap() {
    }

    /**
     * The first preferred engine voice that is available; when none is (e.g. FreeTTS offers only kevin16), or the GA
     * voice is unknown or null, the default: slt, else the first available voice.
     *
     * @throws IllegalArgumentException when {@code available} is empty
     */
    public static String engineVoice(String realtimeVoice, List<String> available) {
        if (available == null || available.isEmpty()) {
            throw new IllegalArgumentException("no engine voice is available");
        }
        String key = realtimeVoice == null ? "" : realtimeVoice.trim().toLowerCase(Locale.ROOT);
        List<String> preferred = PREFERENCES.getOrDefault(key, DEFAULT);
        return firstAvailable(preferred, available)
                .or(() -> firstAvailable(DEFAULT, available))
                .orElse(available.getFirst());
    }

    private static Optional<String> firstAvailable(List<String> preferred, List<String> available) {
        return preferred.stream().filter(available::contains).findFirst();
    }
}
