package io.realtimestore.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service's Kubernetes container: its port, its probes on the Quarkus health endpoints, its resources. */
public final class WorkloadCheck {

    public static final String LIVE = "/q/health/live";
    public static final String READY = "/q/health/ready";

    private WorkloadCheck() {
    }

    public static List<String> serviceContainer(String where, Map<String, Object> container, int port) {
        List<String> problems = new ArrayList<>();
        List<Integer> ports = Tree.maps(container.get("ports")).stream().map(p -> (Integer) p.get("containerPort")).toList();
        if (!ports.equals(List.of(port))) {
            problems.add(where + ": container ports " + ports + " but the service listens on " + port);
        }
        probe(where, container, "livenessProbe", LIVE, port, problems);
        probe(where, container, "readinessProbe", READY, port, problems);
        Object startup = container.get("startupProbe");
        if (startup != null) {
            probe(where, container, "startupProbe", LIVE, port, problems);
        }
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (Tree.at(container, "resources", kind, resource) == null) {
                    problems.add(where + ": no resources." + kind + "." + resource);
                }
            }
        }
        return problems;
    }

    private static void probe(String where, Map<String, Object> container, String probe, String path, int port, List<String> problems) {
        Object httpGet = Tree.at(container, probe, "httpGet");
        if (httpGet == null) {
            problems.add(where + ": no HTTP " + probe);
            return;
        }
        if (!path.equals(Tree.text(httpGet, "path"))) {
            problems.add(where + ": " + probe + " calls " + Tree.text(httpGet, "path") + ", expected " + path);
        }
        Integer probePort = Kustomization.resolvePort(container, Tree.at(httpGet, "port"));
        if (probePort == null || probePort != port) {
            problems.add(where + ": " + probe + " calls port " + Tree.at(httpGet, "port") + ", not the service's " + port);
        }
    }
}
