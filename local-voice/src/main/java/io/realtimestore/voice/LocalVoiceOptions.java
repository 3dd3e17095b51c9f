package io.realtimestore.voice;

import java.nio.file.Path;

/**
 * How the engine is set up.
 *
 * @param modelDir where the speech model is unpacked once (from the sphinx4-data jar) and the catalog LM is kept
 * @param recognizers speech decoders in the pool: how many shoppers can be transcribed at the same moment
 * @param workers threads for decoding and synthesis, shared by every session
 */
public record LocalVoiceOptions(Path modelDir, int recognizers, int workers) {

    public static LocalVoiceOptions defaults(Path dataDir) {
        int cores = Runtime.getRuntime().availableProcessors();
        // A decoder is held for a whole turn but needs only ~15 % of a core: two per core keep cores, not decoders,
        // the limit (each costs ~100 MB of native memory).
        return new LocalVoiceOptions(dataDir.resolve("speech-model"), Math.max(4, 2 * cores), Math.max(2, cores));
    }
}
