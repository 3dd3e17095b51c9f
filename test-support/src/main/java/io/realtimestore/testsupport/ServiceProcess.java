package io.realtimestore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service of the suite ({@code <module>/target/quarkus-app/quarkus-run.jar}) started as its own process on
 * a free port, with its output in a log file, and stopped when the test is done: tests talk to what users run.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a service; build it with {@code ./mvnw -B verify} (or package) from the repository root first. */
    public static Builder of(String module) {
        return new Builder(module);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to start and how to tell that it is ready. */
    public static final class Builder {
        private final String module;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));
        private String readyPath = "/q/health/ready";
        private int port;
        private Path repositoryRoot = locateRepositoryRoot();

        private Builder(String module) {
            this.module = module;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Listen on this port rather than a free one picked at start (when another service must know it first). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** The path polled until it answers 200 (readiness by default; liveness for a service whose upstream may be down). */
        public Builder readyPath(String path) {
            this.readyPath = path;
            return this;
        }

        public ServiceProcess start() {
            Path jar = repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build " + module
                        + " first (./mvnw -B verify from the repository root builds the modules in order)");
            }
            int port = this.port > 0 ? this.port : freePort();
            try {
                // the service runs in a fresh directory of its own: relative data paths ("./data") land there
                Path data = Files.createTempDirectory("test-" + module);
                Path log = data.resolve(module + ".log");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions);
                command.add("-jar");
                command.add(jar.toString());
                ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile());
                builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
                builder.environment().putAll(env);
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
                ServiceProcess service = new ServiceProcess(module, builder.start(), port, log);
                awaitReady(service);
                return service;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + module, e);
            }
        }

        private void awaitReady(ServiceProcess service) throws IOException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI probe = URI.create(service.url() + readyPath);
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(module + " exited; its log:\n" + Files.readString(service.log()));
                }
                try {
                    HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // keep polling
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    service.close();
                    throw new IllegalStateException(e);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    service.close();
                    throw new IllegalStateException(e);
                }
            }
            service.close();
            throw new IllegalStateException(module + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; log: "
                    + service.log());
        }

        /** Tests run in their module's directory; the repository root is the first parent with the reactor pom and mvnw. */
        private static Path locateRepositoryRoot() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("products-service")))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("run the tests from inside the repository (no mvnw found above "
                        + Path.of("").toAbsolutePath() + ")");
            }
            return dir;
        }
    }
}
