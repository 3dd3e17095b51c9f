package io.realtimestore.gateway.security;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A secret taken from configuration, or generated once into the gateway's data directory (owner-readable only) so
 * the embedded default is protected with no set-up and replicas sharing the directory agree.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    /**
     * @param generatedPrefix prefix of a generated value (shows what the value is when someone finds it)
     * @param announce when true, a generated value is printed once to the console so whoever started the
     *        gateway can use it (API keys); token secrets are never printed
     */
    static String configuredOrStored(Optional<String> configured, String envName, int minLength, Path file,
            String generatedPrefix, boolean announce) {
        Optional<String> given = configured.map(String::strip).filter(v -> !v.isEmpty());
        if (given.isPresent()) {
            if (given.get().length() < minLength) {
                throw new IllegalStateException(envName + " is too short: use at least " + minLength + " characters.");
            }
            return given.get();
        }
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String value = generatedPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                Log.debugf("%s: file system without POSIX permissions", file);
            }
            if (announce) {
                System.out.printf("%n  %s generated (shown once; stored in %s):%n    %s%n  Set %s to choose your own.%n%n",
                        envName, file.toAbsolutePath(), value, envName);
            } else {
                Log.infof("%s not set: generated one in %s (replicas must share it or set %s)", envName,
                        file.toAbsolutePath(), envName);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file + ": set " + envName
                    + " or make GATEWAY_DATA_DIR writable", e);
        }
    }
}
