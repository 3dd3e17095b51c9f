package io.realtimestore.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The spoken fixtures of fixtures/voice, made once per test run by its make.sh (flite and festival voices, 24 kHz
 * PCM16 WAV) into target/voice-fixtures.
 */
public final class SpokenFixtures {

    private static final Path SCRIPT = Path.of("../fixtures/voice/make.sh");
    private static final Path OUT = Path.of("target/voice-fixtures");
    private static final String VOICES = "flite-slt,festival-slt-hts";
    private static Map<String, Utterance> utterances;

    /** One spoken utterance: voice, id, reference text, and its 24 kHz PCM16 little-endian samples. */
    public record Utterance(String voice, String id, String text, byte[] pcm) {

        public long durationMs() {
            return pcm.length / 48L;
        }
    }

    private SpokenFixtures() {
    }

    /** The utterance {@code id} ("q01", "c01-2") spoken by {@code voice}. */
    public static synchronized Utterance get(String voice, String id) {
        if (utterances == null) {
            utterances = make();
        }
        Utterance utterance = utterances.get(voice + "/" + id);
        if (utterance == null) {
            throw new IllegalArgumentException("no fixture " + voice + "/" + id);
        }
        return utterance;
    }

    private static Map<String, Utterance> make() {
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString(), OUT.toString(), VOICES).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("fixtures/voice/make.sh failed (exit " + process.exitValue() + "); run it by hand "
                        + "to see which Debian package is missing");
            }
            return Files.readAllLines(OUT.resolve("manifest.tsv")).stream().skip(1).map(line -> line.split("\t"))
                    .map(columns -> new Utterance(columns[0], columns[1], columns[3], pcm(OUT.resolve(columns[2]))))
                    .collect(Collectors.toMap(u -> u.voice() + "/" + u.id(), Function.identity()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot make the spoken fixtures: " + e, e);
        }
    }

    private static byte[] pcm(Path wav) {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(wav.toFile())) {
            return audio.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + wav, e);
        }
    }

    /** Words of the reference that the transcript got wrong, over the reference's length (Levenshtein on words). */
    public static double wordErrorRate(String reference, String hypothesis) {
        List<String> ref = List.of(reference.toLowerCase().replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+"));
        List<String> hyp = hypothesis.isBlank() ? List.of()
                : List.of(hypothesis.toLowerCase().replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+"));
        int[][] d = new int[ref.size() + 1][hyp.size() + 1];
        for (int i = 0; i <= ref.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= hyp.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return (double) d[ref.size()][hyp.size()] / ref.size();
    }
}
