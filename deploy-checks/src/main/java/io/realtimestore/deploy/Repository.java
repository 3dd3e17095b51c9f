package io.realtimestore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository this module lives in, and where each deployment file is. */
public record Repository(Path root) {

    /** The three services that are deployed, by module name (also their image, Service and container app name). */
    public static final List<String> SERVICES = List.of("products-service", "audio-gateway", "realtime-store");

    /** Folders that hold build output, local data or other people's files, never deployment files. */
    private static final List<String> SKIPPED = List.of("target", "data", ".git", "node_modules", ".idea", ".mvn");

    /** The repository root above the working directory (Maven runs tests in the module's folder). */
    public static Repository locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy"))) {
                return new Repository(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (mvnw + deploy/) above " + Path.of("").toAbsolutePath());
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    public Path applicationProperties(String service) {
        return root.resolve(service).resolve("src/main/resources/application.properties");
    }

    public Path dockerfile(String service) {
        return root.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
    }

    public Path compose() {
        return root.resolve("docker-compose.yml");
    }

    public Path envExample() {
        return root.resolve(".env.example");
    }

    public Path k8s() {
        return root.resolve("deploy/k8s");
    }

    public Path azure() {
        return root.resolve("deploy/azure");
    }

    public Path dbInit() {
        return root.resolve("deploy/db-init");
    }

    /** Each deployed service's configuration, in {@link #SERVICES} order. */
    public Map<String, ServiceConfig> serviceConfigs() {
        Map<String, ServiceConfig> configs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            try {
                configs.put(service, ServiceConfig.read(service, applicationProperties(service)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return configs;
    }

    /** Every file below the root whose name ends with one of the suffixes, outside build output and local data. */
    public List<Path> files(String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> SKIPPED.stream().noneMatch(skip -> isBelow(root.relativize(p), skip)))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean isBelow(Path relative, String folder) {
        for (Path part : relative) {
            if (part.toString().equals(folder)) {
                return true;
            }
        }
        return false;
    }
}
