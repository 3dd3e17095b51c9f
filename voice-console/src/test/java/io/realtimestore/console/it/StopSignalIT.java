package io.realtimestore.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.console.support.FakeRealtimeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the packaged console closes the session with a normal close frame before it exits,
 * so the service ends the session at once. A scripted service records the close it received.
 */
class StopSignalIT {

    @Test
    void ctrlCClosesTheSessionCleanlyAndExitsWith130() throws Exception {
        Assumptions.assumeFalse(sigintIgnoredHere(), "SIGINT is ignored in this process tree (a non-interactive parent "
                + "started it in the background), so a child JVM cannot receive Ctrl-C; the SIGTERM test covers the same path");
        stopWith("INT", 130);
    }

    @Test
    void sigtermClosesTheSessionCleanlyAndExitsWith143() throws Exception {
        stopWith("TERM", 143);
    }

    private static void stopWith(String signal, int expectedExit) throws Exception {
        try (FakeRealtimeService service = FakeRealtimeService.start("api-key", "k", List.of());
                PackagedConsole console = PackagedConsole.start("--azure-endpoint", service.httpUrl(), "--deployment", "d",
                        "--api-key", "k", "--text")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!console.err().contains("Type a question") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(console.err()).contains("Type a question");

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(console.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            PackagedConsole.Result result = console.await(15);

            assertThat(result.exitCode()).isEqualTo(expectedExit);
            assertThat(result.err()).contains("Stopped: the session was closed.");
            assertThat(result.all()).doesNotContain("Exception");
            assertThat(service.closeCode).isEqualTo((short) 1000);
            assertThat(service.closeReason).isEqualTo("stopped by the user");
        }
    }

    /** Whether this JVM was started with SIGINT ignored, which its children inherit (see /proc/self/status, SigIgn). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:")).findFirst()
                .map(line -> (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0).orElse(false);
    }
}
