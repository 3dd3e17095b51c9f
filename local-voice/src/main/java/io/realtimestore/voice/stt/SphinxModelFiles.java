package io.realtimestore.voice.stt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The PocketSphinx en-us model from the {@code net.sf.phat:sphinx4-data} jar, extracted to a directory because the
 * native decoder reads files, not class-path resources.
 *
 * @param acousticModel the {@code -hmm} directory
 * @param dictionary    the CMU pronouncing dictionary ({@code cmudict-en-us.dict}, about 135,000 words)
 * @param generalLm     the general English trigram model ({@code en-us.lm.bin})
 */
record SphinxModelFiles(Path acousticModel, Path dictionary, Path generalLm) {

    private static final String RESOURCE_ROOT = "edu/cmu/sphinx/models/en-us/";
    private static final List<String> FILES = List.of(
            "en-us/feat.params", "en-us/mdef", "en-us/means", "en-us/mixture_weights", "en-us/noisedict",
            "en-us/sendump", "en-us/transition_matrices", "en-us/variances",
            "cmudict-en-us.dict", "en-us.lm.bin");

    /**
     * Extracts the model into {@code modelDir}, or reuses what is there when every file is present with the size of
     * the packaged one. Each file is written to a temporary name and renamed, so a crash or a second process never
     * leaves a truncated file that looks complete.
     */
    static SphinxModelFiles extractTo(Path modelDir) {
        try {
            for (String file : FILES) {
                extract(file, modelDir.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the PocketSphinx model to " + modelDir, e);
        }
        return new SphinxModelFiles(modelDir.resolve("en-us"), modelDir.resolve("cmudict-en-us.dict"),
                modelDir.resolve("en-us.lm.bin"));
    }

    private static void extract(String file, Path target) throws IOException {
        URL resource = SphinxModelFiles.class.getClassLoader().getResource(RESOURCE_ROOT + file);
        if (resource == null) {
            throw new SpeechRecognizerUnavailableException("The PocketSphinx en-us model (" + RESOURCE_ROOT + file
                    + ") is not on the class path. Add the Maven dependency net.sf.phat:sphinx4-data:5prealpha");
        }
        URLConnection connection = resource.openConnection();
        long packagedSize = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == packagedSize) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
