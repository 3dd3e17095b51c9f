package io.realtimestore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An offline reading of a kustomization and everything it pulls in: the resources of its bases, its patches, the
 * ConfigMaps and Secrets its generators make (merged across bases and overlays), its image overrides, and the files
 * it names that do not exist. It does not apply patches field by field; the accessors below answer what the checks
 * ask (the environment, image and probes a container ends up with) from the resources and the patches together.
 */
public final class Kustomization {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job");

    private final Path dir;
    private final List<Map<String, Object>> resources = new ArrayList<>();
    private final List<Map<String, Object>> patches = new ArrayList<>();
    private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
    private final Map<String, Set<String>> secrets = new LinkedHashMap<>();
    private final Map<String, String> images = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Files the user makes from a committed {@code <name>.example} (secrets); named, absent, and allowed to be. */
    private final List<Path> userSupplied = new ArrayList<>();

    private Kustomization(Path dir) {
        this.dir = dir;
    }

    public static Kustomization build(Path dir) throws IOException {
        Kustomization k = new Kustomization(dir.toAbsolutePath().normalize());
        k.include(k.dir);
        return k;
    }

    private void include(Path folder) throws IOException {
        Path file = folder.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(folder + ": no kustomization.yaml");
            return;
        }
        Map<String, Object> kustomization = Tree.loadMap(file);
        for (Object entry : Tree.list(kustomization.get("resources"))) {
            Path path = folder.resolve(Tree.text(entry)).normalize();
            if (Files.isDirectory(path)) {
                include(path);
            } else if (Files.isRegularFile(path)) {
                Tree.load(path).forEach(document -> resources.add(Tree.map(document)));
            } else {
                problems.add(file + ": resource " + entry + " does not exist");
            }
        }
        for (Map<String, Object> patch : Tree.maps(kustomization.get("patches"))) {
            String path = Tree.text(patch.get("path"));
            if (path != null) {
                Path patchFile = folder.resolve(path).normalize();
                if (Files.isRegularFile(patchFile)) {
                    Tree.load(patchFile).forEach(document -> patches.add(Tree.map(document)));
                } else {
                    problems.add(file + ": patch " + path + " does not exist");
                }
            }
        }
        for (Map<String, Object> generator : Tree.maps(kustomization.get("configMapGenerator"))) {
            String name = Tree.text(generator.get("name"));
            Map<String, String> data = generated(file, folder, generator, false);
            String behavior = Objects.requireNonNullElse(Tree.text(generator.get("behavior")), "create");
            if (behavior.equals("merge")) {
                if (!configMaps.containsKey(name)) {
                    problems.add(file + ": configMapGenerator merges into " + name + ", which no base generates");
                }
                configMaps.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(data);
            } else {
                configMaps.put(name, data);
            }
        }
        for (Map<String, Object> generator : Tree.maps(kustomization.get("secretGenerator"))) {
            String name = Tree.text(generator.get("name"));
            secrets.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(generated(file, folder, generator, true).keySet());
        }
        for (Map<String, Object> image : Tree.maps(kustomization.get("images"))) {
            String newName = Objects.requireNonNullElse(Tree.text(image.get("newName")), Tree.text(image.get("name")));
            String newTag = Tree.text(image.get("newTag"));
            images.put(Tree.text(image.get("name")), newTag == null ? newName : newName + ":" + newTag);
        }
    }

    /** A generator's keys and values from its literals, env files and files. */
    private Map<String, String> generated(Path file, Path folder, Map<String, Object> generator, boolean secret) throws IOException {
        Map<String, String> data = new LinkedHashMap<>();
        for (Object literal : Tree.list(generator.get("literals"))) {
            String[] pair = Tree.text(literal).split("=", 2);
            data.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        for (Object env : Tree.list(generator.get("envs"))) {
            Path envFile = folder.resolve(Tree.text(env)).normalize();
            Path example = envFile.resolveSibling(envFile.getFileName() + ".example");
            if (Files.isRegularFile(envFile)) {
                data.putAll(envFile(envFile));
            } else if (secret && Files.isRegularFile(example)) {
                userSupplied.add(envFile);
                data.putAll(envFile(example));
            } else {
                problems.add(file + ": env file " + env + " does not exist" + (secret ? " (nor " + example.getFileName() + ")" : ""));
            }
        }
        for (Object entry : Tree.list(generator.get("files"))) {
            String spec = Tree.text(entry);
            String[] keyAndPath = spec.contains("=") ? spec.split("=", 2) : new String[] {Path.of(spec).getFileName().toString(), spec};
            Path source = folder.resolve(keyAndPath[1]).normalize();
            if (Files.isRegularFile(source)) {
                data.put(keyAndPath[0], Files.readString(source));
            } else {
                problems.add(file + ": file " + spec + " does not exist");
            }
        }
        return data;
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#") && stripped.contains("=")) {
                String[] pair = stripped.split("=", 2);
                entries.put(pair[0].strip(), pair[1].strip());
            }
        }
        return entries;
    }

    public Path dir() {
        return dir;
    }

    /** Missing resources, patches and generator files, and merges into ConfigMaps that no base makes. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<Path> userSuppliedFiles() {
        return List.copyOf(userSupplied);
    }

    public Map<String, Map<String, String>> configMaps() {
        return configMaps;
    }

    public Map<String, Set<String>> secrets() {
        return secrets;
    }

    public Map<String, String> images() {
        return images;
    }

    /** The resources that remain once patches marked {@code $patch: delete} are applied. */
    public List<Map<String, Object>> resources() {
        return resources.stream().filter(r -> !deleted(r)).toList();
    }

    public List<Map<String, Object>> resources(String kind) {
        return resources().stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    public Optional<Map<String, Object>> resource(String kind, String name) {
        return resources(kind).stream().filter(r -> name.equals(Tree.text(r, "metadata", "name"))).findFirst();
    }

    private boolean deleted(Map<String, Object> resource) {
        return patches.stream().anyMatch(p -> "delete".equals(Tree.text(p.get("$patch"))) && sameObject(p, resource));
    }

    private static boolean sameObject(Map<String, Object> a, Map<String, Object> b) {
        return Objects.equals(a.get("kind"), b.get("kind"))
                && Objects.equals(Tree.text(a, "metadata", "name"), Tree.text(b, "metadata", "name"));
    }

    /** Deployments, StatefulSets and Jobs that remain. */
    public List<Map<String, Object>> workloads() {
        return resources().stream().filter(r -> WORKLOADS.contains(Tree.text(r.get("kind")))).toList();
    }

    /** A workload's pod template spec. */
    public static Map<String, Object> podSpec(Map<String, Object> workload) {
        return Tree.map(Tree.at(workload, "spec", "template", "spec"));
    }

    /** A workload's pod template spec with the fields patches set on it (service account, labels), patches winning. */
    public Map<String, Object> effectivePodSpec(Map<String, Object> workload) {
        Map<String, Object> spec = new LinkedHashMap<>(podSpec(workload));
        for (Map<String, Object> patch : patchesOf(workload)) {
            Tree.map(Tree.at(patch, "spec", "template", "spec")).forEach((key, value) -> {
                if (!key.equals("containers")) {
                    spec.put(key, value);
                }
            });
        }
        return spec;
    }

    /** The pod template labels, patches included. */
    public Map<String, Object> podLabels(Map<String, Object> workload) {
        Map<String, Object> labels = new LinkedHashMap<>(Tree.map(Tree.at(workload, "spec", "template", "metadata", "labels")));
        patchesOf(workload).forEach(p -> labels.putAll(Tree.map(Tree.at(p, "spec", "template", "metadata", "labels"))));
        return labels;
    }

    private List<Map<String, Object>> patchesOf(Map<String, Object> resource) {
        return patches.stream().filter(p -> sameObject(p, resource)).toList();
    }

    /** A container's environment names: its own env, env added by patches, and the keys of the ConfigMaps and Secrets in envFrom. */
    public Set<String> environmentNames(Map<String, Object> workload, Map<String, Object> container) {
        return environment(workload, container).keySet();
    }

    /**
     * A container's environment: name → literal value, or "secret:NAME/KEY" / "configMap:NAME/KEY" for references,
     * ConfigMap values (merged across overlays) for envFrom ConfigMaps.
     */
    public Map<String, String> environment(Map<String, Object> workload, Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        String containerName = Tree.text(container.get("name"));
        for (Map<String, Object> from : Tree.maps(container.get("envFrom"))) {
            String configMap = Tree.text(from, "configMapRef", "name");
            String secret = Tree.text(from, "secretRef", "name");
            if (configMap != null) {
                configMaps.getOrDefault(configMap, Map.of()).forEach(environment::put);
            }
            if (secret != null) {
                secrets.getOrDefault(secret, Set.of()).forEach(key -> environment.put(key, "secret:" + secret + "/" + key));
            }
        }
        List<Object> variables = new ArrayList<>(Tree.list(container.get("env")));
        for (Map<String, Object> patch : patchesOf(workload)) {
            for (Map<String, Object> patched : Tree.maps(Tree.at(patch, "spec", "template", "spec", "containers"))) {
                if (Objects.equals(containerName, Tree.text(patched.get("name")))) {
                    variables.addAll(Tree.list(patched.get("env")));
                }
            }
        }
        for (Map<String, Object> variable : Tree.maps(variables)) {
            String name = Tree.text(variable.get("name"));
            String secretName = Tree.text(variable, "valueFrom", "secretKeyRef", "name");
            String configMapName = Tree.text(variable, "valueFrom", "configMapKeyRef", "name");
            if (secretName != null) {
                environment.put(name, "secret:" + secretName + "/" + Tree.text(variable, "valueFrom", "secretKeyRef", "key"));
            } else if (configMapName != null) {
                environment.put(name, "configMap:" + configMapName + "/" + Tree.text(variable, "valueFrom", "configMapKeyRef", "key"));
            } else {
                environment.put(name, Tree.text(variable.get("value")));
            }
        }
        return environment;
    }

    /** The image a container runs once the kustomization's image overrides apply. */
    public String image(Map<String, Object> container) {
        String image = Tree.text(container.get("image"));
        String name = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        String override = images.get(name);
        if (override == null) {
            return image;
        }
        return override.contains(":") && override.lastIndexOf(':') > override.lastIndexOf('/') ? override
                : override + image.substring(name.length());
    }

    /** The value a container port named or numbered {@code port} stands for (probes may use the port's name). */
    public static Integer resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        for (Map<String, Object> declared : Tree.maps(container.get("ports"))) {
            if (Objects.equals(Tree.text(declared.get("name")), Tree.text(port))) {
                return (Integer) declared.get("containerPort");
            }
        }
        return null;
    }
}
