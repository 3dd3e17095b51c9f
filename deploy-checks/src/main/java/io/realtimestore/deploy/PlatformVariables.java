package io.realtimestore.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Variables read by something other than a service's own configuration (Quarkus itself, the Azure SDK, the images,
 * SQL Server, the dashboard), from {@code platform-variables.properties}, each with its consumer and the reason.
 */
public record PlatformVariables(Map<String, String> consumers) {

    /** What a service's container may be given besides what its application.properties reads. */
    public static final Set<String> SERVICE_CONSUMERS = Set.of("quarkus", "azure-identity", "image");

    public static PlatformVariables load() {
        Properties properties = new Properties();
        try (InputStream in = PlatformVariables.class.getResourceAsStream("/platform-variables.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> consumers = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> consumers.put(name, properties.getProperty(name).split("\\|", 2)[0].strip()));
        return new PlatformVariables(consumers);
    }

    public Optional<String> consumer(String name) {
        return Optional.ofNullable(consumers.get(name));
    }

    /** True when a consumer in {@code allowed} reads this variable. */
    public boolean readBy(String name, Set<String> allowed) {
        return consumer(name).filter(allowed::contains).isPresent();
    }
}
