package io.realtimestore.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values that several files must agree on: defaults, the addresses services reach each other by, the browser's view. */
public final class ConsistencyCheck {

    private static final Pattern WHOLE_INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)}");

    private ConsistencyCheck() {
    }

    /**
     * A compose variable written {@code NAME: ${NAME:-default}} must default to what the service defaults to, so that
     * an unset .env entry behaves as the service documents. Deliberate overrides are written without the same name.
     */
    public static List<String> composeDefaults(String where, Map<String, String> environment, ServiceConfig service) {
        List<String> problems = new ArrayList<>();
        environment.forEach((name, value) -> {
            Matcher m = WHOLE_INTERPOLATION.matcher(value == null ? "" : value);
            Optional<String> serviceDefault = service.placeholders().getOrDefault(name, Optional.empty());
            if (m.matches() && m.group(1).equals(name) && serviceDefault.filter(d -> !d.isEmpty()).isPresent()
                    && !serviceDefault.get().equals(m.group(2))) {
                problems.add(where + ": " + name + " defaults to '" + m.group(2) + "' but " + service.service() + " defaults to '"
                        + serviceDefault.get() + "'");
            }
        });
        return problems;
    }

    /** An http(s)/ws(s) URL that must point at a given host and port (the port may be implied by the scheme). */
    public static List<String> url(String where, String variable, String url, String host, int port) {
        if (url == null) {
            return List.of(where + ": " + variable + " is not set");
        }
        try {
            URI uri = URI.create(url);
            int actualPort = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            if (!host.equals(uri.getHost()) || actualPort != port) {
                return List.of(where + ": " + variable + "=" + url + " does not reach " + host + ":" + port);
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(where + ": " + variable + "=" + url + " is not a URL");
        }
    }

    /** The gateway must allow the store's origin (its WebSocket and CORS both check GATEWAY_ALLOWED_ORIGINS). */
    public static List<String> allowsOrigin(String where, String allowedOrigins, String storeOrigin) {
        if (allowedOrigins == null || !List.of(allowedOrigins.split(",")).stream().map(String::strip).toList().contains(storeOrigin)) {
            return List.of(where + ": GATEWAY_ALLOWED_ORIGINS=" + allowedOrigins + " does not allow the store's origin " + storeOrigin);
        }
        return List.of();
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
    }
}
