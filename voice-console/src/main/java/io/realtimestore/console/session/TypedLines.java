package io.realtimestore.console.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads typed questions, one a line, from stdin (a terminal or a pipe) on a thread of its own. */
final class TypedLines {

    private final InputStream in;

    TypedLines(InputStream in) {
        this.in = in;
    }

    void start(Consumer<Inbound> inbox) {
        // a daemon: a thread blocked reading a terminal cannot be interrupted, and must not keep the JVM alive
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        inbox.accept(new Inbound.TypedLine(line.strip()));
                    }
                }
            } catch (IOException e) {
                // stdin closed under us: the same as its end
            }
            inbox.accept(new Inbound.InputEnded());
        }, "voice-console-stdin");
        reader.setDaemon(true);
        reader.start();
    }
}
