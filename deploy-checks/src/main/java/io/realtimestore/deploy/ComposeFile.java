package io.realtimestore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A docker-compose.yml: its services as the checks see them, and the variables it takes from .env. */
public record ComposeFile(Map<String, Service> services, Map<String, Interpolation> interpolations) {

    /** A compose service; {@code environment} holds values as written, before interpolation. */
    public record Service(String name, String image, String dockerfile, String buildContext, Map<String, String> environment,
            List<PortMapping> ports, boolean healthcheck, Map<String, String> dependsOn, List<String> volumes) {

        public Optional<PortMapping> published(int containerPort) {
            return ports.stream().filter(p -> p.container() == containerPort).findFirst();
        }
    }

    /** "127.0.0.1:8081:8081" → host 127.0.0.1, host port 8081, container port 8081. */
    public record PortMapping(String hostIp, int hostPort, int container) {

        static PortMapping parse(String mapping) {
            String[] parts = mapping.replaceAll("/.*", "").split(":");
            return switch (parts.length) {
                case 1 -> new PortMapping("", Integer.parseInt(parts[0]), Integer.parseInt(parts[0]));
                case 2 -> new PortMapping("", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                default -> new PortMapping(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            };
        }
    }

    /**
     * One {@code ${NAME…}} use: {@code ${NAME}}, {@code ${NAME:-default}} (a fallback), {@code ${NAME:?error}}
     * (required) or {@code ${NAME:+replacement}} (neither), each also without the colon.
     */
    public record Interpolation(String name, Optional<String> fallback, boolean required) {
    }

    /** Inside the braces: the name, then an operator and its operand (which may hold more interpolations). */
    private static final Pattern BRACED = Pattern.compile("(?s)([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?");

    public static ComposeFile read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static ComposeFile parse(String text) {
        Map<String, Object> root = Tree.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        Map<String, Service> services = new LinkedHashMap<>();
        Tree.map(root.get("services")).forEach((name, definition) -> services.put(name, service(name, definition)));
        return new ComposeFile(services, interpolations(text));
    }

    private static Service service(String name, Object definition) {
        Object build = Tree.at(definition, "build");
        String dockerfile = build instanceof Map<?, ?> ? Tree.text(build, "dockerfile") : null;
        String context = build instanceof Map<?, ?> ? Tree.text(build, "context") : Tree.text(build);
        List<PortMapping> ports = new ArrayList<>();
        for (Object port : Tree.list(Tree.at(definition, "ports"))) {
            ports.add(PortMapping.parse(Tree.text(port)));
        }
        Map<String, String> dependsOn = new LinkedHashMap<>();
        Object depends = Tree.at(definition, "depends_on");
        if (depends instanceof List<?> names) {
            names.forEach(n -> dependsOn.put(String.valueOf(n), "service_started"));
        } else {
            Tree.map(depends).forEach((service, how) -> dependsOn.put(service, Tree.text(how, "condition")));
        }
        List<String> volumes = Tree.list(Tree.at(definition, "volumes")).stream().map(Tree::text).toList();
        return new Service(name, Tree.text(definition, "image"), dockerfile, context, environment(Tree.at(definition, "environment")),
                List.copyOf(ports), Tree.at(definition, "healthcheck") != null, dependsOn, volumes);
    }

    /** Both forms compose accepts: a map, or a list of NAME=value. */
    private static Map<String, String> environment(Object node) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (node instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] pair = String.valueOf(entry).split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        } else {
            Tree.map(node).forEach((name, value) -> environment.put(name, Tree.text(value)));
        }
        return environment;
    }

    private static Map<String, Interpolation> interpolations(String text) {
        Map<String, Interpolation> found = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("#")) {
                collect(line, found);
            }
        }
        return found;
    }

    private static void collect(String text, Map<String, Interpolation> found) {
        forEachBraced(text, (braced, operator, operand) -> {
            boolean required = operator != null && operator.endsWith("?");
            Optional<String> fallback = operator != null && operator.endsWith("-") ? Optional.of(operand) : Optional.empty();
            found.merge(braced, new Interpolation(braced, fallback, required),
                    (a, b) -> new Interpolation(a.name(), a.fallback().or(b::fallback), a.required() || b.required()));
            if (operand != null) {
                collect(operand, found);
            }
            return "";
        });
    }

    private interface BracedVisitor {
        /** Returns what the {@code ${…}} stands for in the result text. */
        String visit(String name, String operator, String operand);
    }

    /** Finds each top-level {@code ${…}} (nested ones included in it, {@code $$} escapes skipped); returns the text
     *  with each replaced by what the visitor returns. */
    private static String forEachBraced(String text, BracedVisitor visitor) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$$", i)) {
                out.append("$$");
                i += 2;
            } else if (text.startsWith("${", i)) {
                int close = closingBrace(text, i);
                Matcher m = BRACED.matcher(text.substring(i + 2, close));
                if (m.matches()) {
                    out.append(visitor.visit(m.group(1), m.group(2), m.group(3)));
                } else {
                    out.append(text, i, close + 1);
                }
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed ${ in: " + text);
    }

    /** A value as compose makes it when .env sets none of its variables: defaults apply, everything else is empty. */
    public static String withDefaults(String value) {
        if (value == null) {
            return null;
        }
        return forEachBraced(value, (name, operator, operand) ->
                operator != null && operator.endsWith("-") ? withDefaults(operand) : "");
    }
}
