package io.realtimestore.voice.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.fail;

/** Test audio made at test time by the Debian speech synthesizers, as 16 kHz mono PCM16 (converted with sox). */
public enum SyntheticSpeech {
    FLITE_SLT("flite", "flite"),
    FLITE_RMS("flite", "flite"),
    FESTIVAL_SLT_HTS("text2wave", "festival festvox-us-slt-hts");

    private static final AtomicInteger FILES = new AtomicInteger();

    private final String command;
    private final String debianPackages;

    SyntheticSpeech(String command, String debianPackages) {
        this.command = command;
        this.debianPackages = debianPackages;
    }

    public short[] say(String text, Path directory) {
        int number = FILES.incrementAndGet();
        Path wav = directory.resolve(name() + "-" + number + ".wav");
        Path raw = directory.resolve(name() + "-" + number + ".raw");
        switch (this) {
            case FLITE_SLT -> run(List.of(command, "-voice", "slt", "-t", text, "-o", wav.toString()), null, debianPackages);
            case FLITE_RMS -> run(List.of(command, "-voice", "rms", "-t", text, "-o", wav.toString()), null, debianPackages);
            case FESTIVAL_SLT_HTS -> run(List.of(command, "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", wav.toString()),
                    text, debianPackages);
        }
        // festival speaks at 32 kHz; everything goes through the same conversion to what the recognizer takes
        run(List.of("sox", wav.toString(), "-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer",
                "-L", raw.toString()), null, "sox");
        try {
            byte[] bytes = Files.readAllBytes(raw);
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, String stdin, String debianPackages) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            fail(command.getFirst() + " is needed to make test audio: apt-get install " + debianPackages, notInstalled);
            return;
        }
        try {
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }
}
