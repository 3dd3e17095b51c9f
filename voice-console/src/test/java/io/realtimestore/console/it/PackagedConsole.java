package io.realtimestore.console.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged console (target/quarkus-app/quarkus-run.jar) run as its own process, exactly as users run it. */
final class PackagedConsole implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path out;
    private final Path err;

    /** How a run ended and what it printed. */
    record Result(int exitCode, String out, String err) {

        String all() {
            return out + err;
        }
    }

    private PackagedConsole(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static PackagedConsole start(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package voice-console first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path dir = Files.createDirectories(Path.of("target/console-runs"));
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new PackagedConsole(process, out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the console", e);
        }
    }

    /** Runs to the end with these typed lines on stdin (then end of input). */
    static Result run(List<String> typed, int timeoutSeconds, String... args) {
        try (PackagedConsole console = start(args)) {
            console.type(typed);
            console.endInput();
            return console.await(timeoutSeconds);
        }
    }

    void type(List<String> lines) {
        try {
            OutputStream stdin = process.getOutputStream();
            for (String line : lines) {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot type into the console", e);
        }
    }

    void endInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the console is already gone
        }
    }

    long pid() {
        return process.pid();
    }

    String err() {
        return read(err);
    }

    Result await(int timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("the console did not finish within " + timeoutSeconds + " s; it printed:\n"
                        + read(out) + read(err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
