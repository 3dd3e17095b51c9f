package io.realtimestore.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Parsed YAML documents as plain maps, lists and scalars, with null-safe navigation. */
public final class Tree {

    private Tree() {
    }

    /** Every document of a YAML file (Kubernetes files hold several); empty documents are skipped. */
    public static List<Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Object> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
            return documents;
        }
    }

    /** The single document of a YAML file, as a map. */
    public static Map<String, Object> loadMap(Path file) throws IOException {
        List<Object> documents = load(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
        }
        return map(documents.get(0));
    }

    /** The value at a path of keys, or null where any step is missing. */
    public static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node) {
        if (node instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return node == null ? Map.of() : failType(node, "a map");
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node) {
        if (node instanceof List<?> l) {
            return (List<Object>) l;
        }
        return node == null ? List.of() : failType(node, "a list");
    }

    /** A scalar as text (YAML reads 8080 as a number and "true" as a boolean), or null. */
    public static String text(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    public static String text(Object node, String... path) {
        return text(at(node, path));
    }

    /** The maps of a list, e.g. the containers of a pod spec. */
    public static List<Map<String, Object>> maps(Object node) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(node)) {
            maps.add(map(item));
        }
        return maps;
    }

    private static <T> T failType(Object node, String expected) {
        throw new IllegalArgumentException("expected " + expected + " but found " + node.getClass().getSimpleName() + ": " + node);
    }
}
