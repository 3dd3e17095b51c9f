package io.realtimestore.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code application.properties} says about its environment: the variables it reads as
 * {@code ${NAME}} or {@code ${NAME:default}}, the environment forms of its own property keys (Quarkus reads
 * {@code QUARKUS_HTTP_PORT} for {@code quarkus.http.port}), and its HTTP port.
 */
public record ServiceConfig(String service, int port, Map<String, Optional<String>> placeholders, Set<String> propertyVariables) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    public static ServiceConfig read(String service, Path applicationProperties) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            properties.load(reader);
        }
        return parse(service, properties);
    }

    static ServiceConfig parse(String service, Properties properties) {
        Map<String, Optional<String>> placeholders = new LinkedHashMap<>();
        Set<String> propertyVariables = new TreeSet<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher m = PLACEHOLDER.matcher(properties.getProperty(key));
            while (m.find()) {
                // The same variable may appear twice; a default, where one is given, is the same in practice.
                Optional<String> fallback = Optional.ofNullable(m.group(2));
                placeholders.merge(m.group(1), fallback, (a, b) -> a.isPresent() ? a : b);
            }
            propertyVariables.add(environmentName(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
        }
        String port = properties.getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalArgumentException(service + ": application.properties sets no quarkus.http.port");
        }
        return new ServiceConfig(service, Integer.parseInt(port.strip()), Collections.unmodifiableMap(placeholders),
                Collections.unmodifiableSet(propertyVariables));
    }

    /** The environment variable SmallRye Config maps to a property name: non-alphanumerics become '_', upper case. */
    public static String environmentName(String propertyName) {
        return propertyName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** True when setting this environment variable changes the service's configuration. */
    public boolean reads(String variable) {
        return placeholders.containsKey(variable) || propertyVariables.contains(variable);
    }

    /** Variables the service cannot start without (a placeholder with no default). */
    public Set<String> required() {
        Set<String> required = new TreeSet<>();
        placeholders.forEach((name, fallback) -> {
            if (fallback.isEmpty()) {
                required.add(name);
            }
        });
        return required;
    }
}
