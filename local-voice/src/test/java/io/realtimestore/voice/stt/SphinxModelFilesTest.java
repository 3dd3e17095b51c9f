package io.realtimestore.voice.stt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class SphinxModelFilesTest {

    @Test
    void extractsOnceReusesCompleteFilesAndReplacesTruncatedOnes(@TempDir Path modelDir) throws IOException {
        SphinxModelFiles model = SphinxModelFiles.extractTo(modelDir);
        assertThat(model.acousticModel().resolve("mdef")).isRegularFile();
        assertThat(model.generalLm()).isRegularFile();
        long dictionarySize = Files.size(model.dictionary());
        FileTime marked = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(model.generalLm(), marked);
        Files.writeString(model.dictionary(), "truncated");

        SphinxModelFiles again = SphinxModelFiles.extractTo(modelDir);

        assertThat(again).isEqualTo(model);
        assertThat(Files.getLastModifiedTime(model.generalLm())).as("complete file reused").isEqualTo(marked);
        assertThat(Files.size(model.dictionary())).as("truncated file replaced").isEqualTo(dictionarySize);
        try (var files = Files.list(modelDir)) {
            assertThat(files).noneMatch(file -> file.toString().endsWith(".part"));
        }
    }
}
