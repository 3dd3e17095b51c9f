package io.realtimestore.products.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.realtimestore.products.config.ProductsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The products API key. Taken from {@code PRODUCTS_API_KEY} when set; otherwise generated once, kept in the data
 * directory (owner-readable only) and printed to the console that one time, so the embedded default is protected
 * without any set-up. Only a SHA-256 digest is held in memory, and comparisons take constant time.
 */
@Startup
@ApplicationScoped
public class ApiKeyStore {

    static final String KEY_FILE = "products-api-key";

    private final ProductsConfig config;
    private byte[] keyDigest;

    ApiKeyStore(ProductsConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        String key = config.apiKey().map(String::strip).filter(k -> !k.isEmpty()).orElseGet(this::storedOrGeneratedKey);
        if (key.length() < 16) {
            throw new IllegalStateException("PRODUCTS_API_KEY is too short: use at least 16 characters.");
        }
        keyDigest = sha256(key);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(keyDigest, sha256(presented));
    }

    private String storedOrGeneratedKey() {
        Path file = config.dataDir().resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                Log.infof("Products API key: using the key generated at first start, stored in %s", file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            restrictToOwner(file);
            // Printed once to the console (not the log stream) so the person who started the service can use it.
            System.out.printf("%n  Products API key generated (shown once; stored in %s):%n    X-Api-Key: %s%n"
                    + "  Set PRODUCTS_API_KEY to choose your own.%n%n", file.toAbsolutePath(), key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the products API key file " + file
                    + ": set PRODUCTS_API_KEY or make PRODUCTS_DATA_DIR writable", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            Log.debug("File system without POSIX permissions; API key file permissions left as they are");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
