package io.realtimestore.console.support;

import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.cli.CommandLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the console in this JVM, as the jar would, with its own stdin, stdout, stderr and environment. */
public final class ConsoleRunner {

    /** What a run printed and how it ended. */
    public record Result(int exitCode, String out, String err) {

        public String all() {
            return out + err;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleIo io;

    private ConsoleRunner(InputStream stdin, Map<String, String> env) {
        this.io = new ConsoleIo(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env::get);
    }

    public static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), Map.of(), args);
    }

    public static Result run(InputStream stdin, Map<String, String> env, String... args) {
        ConsoleRunner runner = new ConsoleRunner(stdin, env);
        int code = CommandLines.create(runner.io).execute(args);
        return runner.result(code);
    }

    /** Starts a run on another thread, for tests that act while it goes on. */
    public static CompletableFuture<Result> start(InputStream stdin, String... args) {
        ConsoleRunner runner = new ConsoleRunner(stdin, Map.of());
        return CompletableFuture.supplyAsync(() -> runner.result(CommandLines.create(runner.io).execute(args)));
    }

    public static Result await(CompletableFuture<Result> run, int seconds) {
        try {
            return run.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the console did not finish within " + seconds + " s", e);
        }
    }

    private Result result(int code) {
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
