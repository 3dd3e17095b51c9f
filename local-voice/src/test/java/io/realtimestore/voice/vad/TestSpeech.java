package io.realtimestore.voice.vad;

import io.realtimestore.audio.Pcm16;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Test audio made at test time by the Debian speech CLIs (flite, sox), 16 kHz mono PCM16. */
final class TestSpeech {

    static final int SAMPLE_RATE = 16000;
    private static final Map<String, short[]> SPOKEN = new ConcurrentHashMap<>();

    private TestSpeech() {
    }

    /** The text spoken by flite's "slt" voice. */
    static short[] speak(String text) {
        return SPOKEN.computeIfAbsent(text, TestSpeech::synthesize).clone();
    }

    /** Reproducible pink noise (sox -R), about -24 dBFS. */
    static short[] pinkNoise(int samples) {
        double seconds = (double) samples / SAMPLE_RATE + 0.1;
        short[] noise = run("sox", List.of("sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer",
                "-L", "-t", "raw", "-", "synth", String.format("%.3f", seconds), "pinknoise", "vol", "0.3"));
        if (noise.length < samples) {
            throw new IllegalStateException("sox made " + noise.length + " samples of noise, " + samples + " needed");
        }
        return java.util.Arrays.copyOf(noise, samples);
    }

    /** Where the speech in an utterance lies, by energy: 10 ms frames within 40 dB of the loudest one. */
    static long[] speechExtentMs(short[] utterance) {
        int frame = SAMPLE_RATE / 100;
        int frames = utterance.length / frame;
        double[] levels = new double[frames];
        double loudest = Pcm16.SILENCE_DBFS;
        for (int i = 0; i < frames; i++) {
            levels[i] = Pcm16.rmsDbfs(java.util.Arrays.copyOfRange(utterance, i * frame, (i + 1) * frame));
            loudest = Math.max(loudest, levels[i]);
        }
        int first = 0;
        while (levels[first] < loudest - 40) {
            first++;
        }
        int last = frames - 1;
        while (levels[last] < loudest - 40) {
            last--;
        }
        return new long[] {first * 10L, (last + 1) * 10L};
    }

    private static short[] synthesize(String text) {
        try {
            Path wav = Files.createTempFile("flite-", ".wav");
            try {
                run("flite", List.of("flite", "-voice", "slt", "-t", text, "-o", wav.toString()));
                return run("sox", List.of("sox", wav.toString(), "-t", "raw", "-r", "16000", "-c", "1", "-b", "16",
                        "-e", "signed-integer", "-L", "-"));
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temporary file for flite", e);
        }
    }

    /** Runs a CLI from the Debian package of the same name; its standard output, read as PCM16. */
    private static short[] run(String debianPackage, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is needed to make test audio: apt-get install " + debianPackage, e);
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + String.join(" ", command));
            }
            return Pcm16.fromLittleEndian(output);
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Failed: " + String.join(" ", command), e);
        }
    }
}
