import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/** What every benchmark needs from the machine it runs on: a description for the report and process helpers. */
final class BenchmarkHost {

    private BenchmarkHost() {
    }

    /** Ends the run; the message says what went wrong and where to look. */
    static final class Failure extends RuntimeException {
        Failure(String message) { super(message); }
    }

    /** A positive whole-number option value, or a Failure naming the option. */
    static int positive(String key, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Failure(key + " needs a positive whole number, got '" + value + "'");
    }

    /** The machine as a report prints it; {@code clockTicks} converts /proc CPU times to seconds. */
    record Machine(String cpu, String cores, String memory, String os, String java, String commit, String loadAverage,
            long clockTicks) {

        static Machine describe(Path repo) {
            String cpu = firstMatch(read("/proc/cpuinfo"), "(?m)^model name\\s*:\\s*(.+)$");
            if (cpu == null) cpu = firstMatch(command("lscpu"), "(?m)^Model name:\\s*(.+)$");
            String memKb = firstMatch(read("/proc/meminfo"), "(?m)^MemTotal:\\s*(\\d+)");
            String commit = command("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD");
            String changes = command("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no");
            String ticks = command("getconf", "CLK_TCK");
            String[] load = read("/proc/loadavg").split(" ");
            return new Machine(Objects.requireNonNullElse(cpu, "unknown").strip(),
                    Objects.requireNonNullElse(command("nproc"), "" + Runtime.getRuntime().availableProcessors()).strip(),
                    memKb == null ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(memKb) / 1048576.0),
                    Objects.requireNonNullElse(firstMatch(read("/etc/os-release"), "(?m)^PRETTY_NAME=\"?([^\"\\n]+)"), "unknown"),
                    Objects.requireNonNullElse(command(javaBinary(), "-version"), "unknown").strip().replace("\n", " / "),
                    commit == null ? "unknown (not a git checkout)"
                            : commit.strip() + (changes == null || changes.isBlank() ? "" : " (with uncommitted changes)"),
                    // Other work on the machine skews every figure; the 1/5/15-minute load average at start shows it.
                    load.length >= 3 ? String.join(" ", Arrays.copyOf(load, 3)) + " (1, 5, 15 min; at start)" : "unknown",
                    ticks == null ? 100 : Long.parseLong(ticks.strip()));
        }

        void print() {
            System.out.printf("Machine%n  CPU      %s%n  cores    %s%n  memory   %s%n  OS       %s%n  java     %s%n  commit   %s%n"
                    + "  load avg %s%n%n", cpu, cores, memory, os, java, commit, loadAverage);
        }
    }

    static String javaBinary() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    /**
     * Keeps every thread of this JVM on the given CPUs (taskset's list syntax); threads started later inherit it.
     * Used to keep a load generator off the CPUs given to the process it measures.
     */
    static void pinThisProcess(String cpus) {
        String pid = String.valueOf(ProcessHandle.current().pid());
        if (command("taskset", "-a", "-p", "-c", cpus, pid) == null) {
            throw new Failure("could not pin the benchmark to CPUs " + cpus + " (taskset -a -p -c " + cpus + " " + pid
                    + "): is taskset installed (util-linux), and do those CPUs exist (nproc)?");
        }
        System.out.println("benchmark pinned to CPUs " + cpus);
    }

    /** Keeps the calling thread on one CPU (taskset, with its Linux thread id from /proc/thread-self); false if not. */
    static boolean pinThisThread(int cpu) {
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            return command("taskset", "-p", "-c", String.valueOf(cpu), tid) != null;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Output of a short command, or null when it cannot be run or fails. */
    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static String read(String file) {
        try { return Files.readString(Path.of(file)); } catch (IOException e) { return ""; }
    }

    static String firstMatch(String text, String regex) {
        if (text == null) return null;
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new Failure("no free TCP port: " + e.getMessage());
        }
    }

    /** One look at a starting service: a value when it is ready, null to look again; IOException = not listening yet. */
    interface Probe<T> {
        T look() throws IOException, InterruptedException;
    }

    /**
     * Looks every {@code intervalMs} until the probe answers, the process dies or the timeout passes; then reports
     * through {@code fail} (which must throw). Returns the probe's answer.
     */
    static <T> T pollUntilReady(Process process, long startedNanos, int timeoutS, long intervalMs, Probe<T> probe,
            java.util.function.Consumer<String> fail, String what) {
        while (System.nanoTime() - startedNanos < timeoutS * 1_000_000_000L) {
            if (!process.isAlive()) fail.accept("exited with code " + process.exitValue() + " before it was " + what);
            try {
                T answer = probe.look();
                if (answer != null) return answer;
            } catch (IOException e) {
                // not listening yet (or answering 503 while it starts): look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail.accept("was being waited for when the benchmark was interrupted");
            }
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail.accept("was being waited for when the benchmark was interrupted");
            }
        }
        fail.accept("was not " + what + " within " + timeoutS + " s (raise --ready-timeout if the machine is slow)");
        throw new IllegalStateException("fail must throw");
    }

    static String abbreviate(String s, int max) { return s.length() <= max ? s : s.substring(0, max) + "…"; }
}
