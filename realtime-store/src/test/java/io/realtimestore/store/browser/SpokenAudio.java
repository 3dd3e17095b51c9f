package io.realtimestore.store.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WAV files for Chromium's fake microphone, spoken at test time by festival's slt HTS voice (the clearest of the
 * offline voices for the local engine, fixtures/voice/README.md) and put together with sox: silence while the page
 * connects, then the utterances with the pauses between them.
 */
final class SpokenAudio {

    private static final Path DIR = Path.of("target/browser-audio");

    private SpokenAudio() {
    }

    /** A part of the recording: speech or a pause. */
    sealed interface Part permits Speech, Pause {
    }

    record Speech(String text) implements Part {
    }

    record Pause(double seconds) implements Part {
    }

    static Path make(String name, Part... parts) {
        try {
            Files.createDirectories(DIR);
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                Path piece = DIR.resolve(name + "-" + i + ".wav");
                switch (parts[i]) {
                    case Speech speech -> speak(speech.text(), piece);
                    case Pause pause -> run("sox", "-n", "-r", "48000", "-c", "1", "-b", "16", piece.toString(), "trim", "0",
                            Double.toString(pause.seconds()));
                }
                pieces.add(piece.toString());
            }
            Path wav = DIR.resolve(name + ".wav");
            List<String> join = new ArrayList<>(List.of("sox"));
            join.addAll(pieces);
            join.add(wav.toString());
            run(join.toArray(String[]::new));
            return wav.toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot make " + name + ".wav", e);
        }
    }

    private static void speak(String text, Path wav) throws IOException {
        Path textFile = Files.writeString(DIR.resolve(wav.getFileName() + ".txt"), text);
        Path raw = DIR.resolve(wav.getFileName() + ".festival.wav");
        run("text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", raw.toString(), textFile.toString());
        run("sox", "-D", raw.toString(), "-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer", wav.toString());
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output
                        + " (the browser tests need sox, festival and festvox-us-slt-hts: .ci/run installs them)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
