package io.realtimestore.console;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the console reads and writes: the process's streams and environment when run from the jar, others in tests
 * that call the command in-process. stdout carries the conversation only, so scripts can read it; status and errors
 * go to stderr.
 *
 * @param in typed lines for --text
 * @param out the conversation: "You: ...", "Assistant: ...", and with --verbose the [tool] and other notes
 * @param err status lines and errors
 * @param environment environment variables (API keys)
 */
public record ConsoleIo(InputStream in, PrintStream out, PrintStream err, Function<String, String> environment) {

    public static ConsoleIo system() {
        Map<String, String> env = System.getenv();
        return new ConsoleIo(System.in, System.out, System.err, env::get);
    }

    public String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
