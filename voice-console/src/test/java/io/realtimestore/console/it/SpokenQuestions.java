package io.realtimestore.console.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Spoken questions made at test time by festival's slt HTS voice (the offline engine hears it best;
 * fixtures/voice/README.md) and put together with sox. They are written as 44.1 kHz stereo, as a recording from a
 * desktop app would be, so the console's mix-down and resampling are part of every spoken test.
 */
final class SpokenQuestions {

    private static final Path DIR = Path.of("target/spoken-questions");
    /** 44.1 kHz stereo 16-bit, written before each output file name. */
    private static final String FORMAT = "-r 44100 -c 2 -b 16 -e signed-integer ";

    private SpokenQuestions() {
    }

    /**
     * Speech and pauses in order: a String is said, a Double is seconds of silence. One shell script makes the pieces
     * and joins them, so a missing tool fails once, with its name.
     */
    static Path make(String name, Object... parts) {
        Path wav = DIR.resolve(name + ".wav").toAbsolutePath();
        StringBuilder script = new StringBuilder("set -e\n");
        StringBuilder join = new StringBuilder("sox");
        for (int i = 0; i < parts.length; i++) {
            String piece = name + "-" + i;
            if (parts[i] instanceof String words) {
                script.append("printf '%s\\n' '").append(words.replace("'", "")).append("' > ").append(piece).append(".txt\n")
                        .append("text2wave -eval '(voice_cmu_us_slt_arctic_hts)' -o ").append(piece).append(".raw.wav ")
                        .append(piece).append(".txt\n")
                        .append("sox -D ").append(piece).append(".raw.wav ").append(FORMAT).append(piece).append(".wav\n");
            } else {
                script.append("sox -n ").append(FORMAT).append(piece).append(".wav trim 0 ").append(parts[i]).append("\n");
            }
            join.append(' ').append(piece).append(".wav");
        }
        script.append(join).append(' ').append(wav).append('\n');
        try {
            Files.createDirectories(DIR);
            Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes());
            if (!bash.waitFor(120, TimeUnit.SECONDS) || bash.exitValue() != 0) {
                throw new IllegalStateException("cannot make " + wav.getFileName() + ": " + output
                        + " (the console's tests need sox, festival and festvox-us-slt-hts: .ci/run installs them)");
            }
            return wav;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make " + wav.getFileName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
