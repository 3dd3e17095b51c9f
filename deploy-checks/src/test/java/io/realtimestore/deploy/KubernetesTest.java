package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.PLATFORM;
import static io.realtimestore.deploy.Deployment.REPO;
import static io.realtimestore.deploy.Deployment.SERVICES;
import static io.realtimestore.deploy.Deployment.container;
import static io.realtimestore.deploy.Deployment.deployment;
import static io.realtimestore.deploy.Deployment.kustomization;
import static io.realtimestore.deploy.Deployment.overlay;
import static io.realtimestore.deploy.Deployment.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** deploy/k8s: the kustomize base and its overlays, read offline, against the services' configuration. */
class KubernetesTest {

    /** Long enough for a whole voice session (GATEWAY_MAX_SESSION_DURATION, 30 minutes). */
    private static final int MIN_WEBSOCKET_TIMEOUT_SECONDS = 30 * 60;

    @ParameterizedTest
    @ValueSource(strings = {"deploy/k8s/base", "deploy/k8s/overlays/local", "deploy/k8s/overlays/aks", "deploy/db-init"})
    void kustomizationsReferenceFilesThatExist(String dir) throws Exception {
        Kustomization k = kustomization(dir);
        assertThat(k.problems()).isEmpty();
        // Only secrets are left for the user to make, from a committed example, and git never takes them.
        String gitignore = Files.readString(REPO.k8s().resolve(".gitignore"));
        for (Path file : k.userSuppliedFiles()) {
            assertThat(file.getFileName()).hasToString("secrets.env");
            assertThat(gitignore).contains("overlays/*/secrets.env");
        }
    }

    @Test
    void theSchemaConfigMapHoldsEveryScriptAndItsRunner() throws Exception {
        Set<String> scripts = new TreeSet<>();
        try (Stream<Path> files = Files.list(REPO.dbInit())) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql") || n.equals("apply.sh")).forEach(scripts::add);
        }
        assertThat(kustomization("deploy/db-init").configMaps().get("db-init-scripts")).containsOnlyKeys(scripts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "aks"})
    void everyServiceHasProbesOnTheHealthEndpointsItsPortAndResources(String name) {
        Kustomization k = overlay(name);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig s : SERVICES.values()) {
            problems.addAll(WorkloadCheck.serviceContainer(name + " " + s.service(), container(k, s.service()), s.port()));
            Map<String, Object> svc = k.resource("Service", s.service()).orElseThrow();
            Map<String, Object> port = Tree.maps(Tree.at(svc, "spec", "ports")).get(0);
            assertThat(port.get("port")).as("%s Service port", s.service()).isEqualTo(s.port());
            assertThat(Kustomization.resolvePort(container(k, s.service()), port.get("targetPort"))).isEqualTo(s.port());
            assertThat(Tree.map(Tree.at(svc, "spec", "selector"))).isEqualTo(Tree.map(Tree.at(deployment(k, s.service()), "spec", "selector", "matchLabels")));
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "aks"})
    void disruptionBudgetsForAllAndAutoscalersForTheGatewayAndTheCatalog(String name) {
        Kustomization k = overlay(name);
        for (String s : SERVICES.keySet()) {
            Map<String, Object> pdb = k.resource("PodDisruptionBudget", s).orElseThrow(() -> new AssertionError("no PDB " + s));
            assertThat(Tree.map(Tree.at(pdb, "spec", "selector", "matchLabels")))
                    .isEqualTo(Tree.map(Tree.at(deployment(k, s), "spec", "selector", "matchLabels")));
        }
        for (String s : List.of("audio-gateway", "products-service")) {
            Map<String, Object> hpa = k.resource("HorizontalPodAutoscaler", s).orElseThrow(() -> new AssertionError("no HPA " + s));
            assertThat(Tree.text(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
            assertThat(Tree.text(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(s);
            assertThat(Tree.at(deployment(k, s), "spec", "replicas")).as("%s: the HPA owns the replica count", s).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "aks"})
    void imagesAreTheServiceImages(String name) {
        Kustomization k = overlay(name);
        for (String s : SERVICES.keySet()) {
            String image = k.image(container(k, s));
            assertThat(image).as("%s image in %s", s, name).matches("(.+/)?realtime-store/" + s + ":[^/]+");
        }
        Kustomization base = kustomization("deploy/k8s/base");
        for (String s : SERVICES.keySet()) {
            assertThat(base.image(container(base, s))).isEqualTo("realtime-store/" + s + ":latest");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "aks"})
    void containersGetOnlyVariablesTheyReadAndEveryOneTheyNeed(String name) {
        Kustomization k = overlay(name);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig s : SERVICES.values()) {
            Map<String, String> env = k.environment(deployment(k, s.service()), container(k, s.service()));
            String where = name + " " + s.service();
            problems.addAll(EnvironmentCheck.unread(where, s, env.keySet(), PLATFORM));
            problems.addAll(EnvironmentCheck.missingRequired(where, s, env.keySet(), passwordlessDatabase(env)));
            // Every secret reference names a key the overlay's Secret has.
            env.values().stream().filter(v -> v != null && v.startsWith("secret:")).forEach(ref -> {
                String[] secretAndKey = ref.substring("secret:".length()).split("/", 2);
                if (!k.secrets().getOrDefault(secretAndKey[0], Set.of()).contains(secretAndKey[1])) {
                    problems.add(where + ": " + ref + " is not a key of a Secret the overlay generates");
                }
            });
        }
        for (Map<String, Object> workload : k.workloads()) {
            String workloadName = Tree.text(workload, "metadata", "name");
            if (!SERVICES.containsKey(workloadName)) {
                Set<String> consumers = workloadName.equals("sqlserver") ? Set.of("sqlserver") : Set.of("db-init");
                for (Map<String, Object> c : Tree.maps(Kustomization.podSpec(workload).get("containers"))) {
                    problems.addAll(EnvironmentCheck.unreadByPlatform(name + " " + workloadName, k.environmentNames(workload, c), consumers, PLATFORM));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** With Entra authentication (no password), products-service's QUARKUS_DATASOURCE_PASSWORD must stay unset. */
    static Set<String> passwordlessDatabase(Map<String, String> env) {
        String url = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
        return url.contains("authentication=ActiveDirectory") ? Set.of("QUARKUS_DATASOURCE_PASSWORD") : Set.of();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "aks"})
    void servicesReachEachOtherByServiceName(String name) {
        Kustomization k = overlay(name);
        List<String> problems = new ArrayList<>();
        for (String s : List.of("audio-gateway", "realtime-store")) {
            Map<String, String> env = k.environment(deployment(k, s), container(k, s));
            problems.addAll(ConsistencyCheck.url(name + " " + s, "PRODUCTS_URL", env.get("PRODUCTS_URL"), "products-service",
                    service("products-service").port()));
        }
        Map<String, String> store = k.environment(deployment(k, "realtime-store"), container(k, "realtime-store"));
        problems.addAll(ConsistencyCheck.url(name + " realtime-store", "GATEWAY_URL", store.get("GATEWAY_URL"), "audio-gateway",
                service("audio-gateway").port()));
        assertThat(problems).isEmpty();
    }

    @Test
    void theIngressesServeTheStoreAndTheGatewayWithWebSocketTimeouts() {
        Kustomization k = overlay("aks");
        Map<String, Object> gateway = k.resource("Ingress", "audio-gateway").orElseThrow();
        Map<String, Object> store = k.resource("Ingress", "realtime-store").orElseThrow();
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            String value = Tree.text(gateway, "metadata", "annotations", "nginx.ingress.kubernetes.io/" + timeout);
            assertThat(value).as(timeout).isNotNull();
            assertThat(Integer.parseInt(value)).as(timeout).isGreaterThanOrEqualTo(MIN_WEBSOCKET_TIMEOUT_SECONDS);
        }
        assertThat(backendOf(gateway)).isEqualTo("audio-gateway");
        assertThat(backendOf(store)).isEqualTo("realtime-store");
        // What the browser is told to dial is the gateway's Ingress host, and the gateway lets the store's host in.
        String gatewayHost = Tree.text(Tree.maps(Tree.at(gateway, "spec", "rules")).get(0).get("host"));
        String storeHost = Tree.text(Tree.maps(Tree.at(store, "spec", "rules")).get(0).get("host"));
        Map<String, String> storeEnv = k.environment(deployment(k, "realtime-store"), container(k, "realtime-store"));
        Map<String, String> gatewayEnv = k.environment(deployment(k, "audio-gateway"), container(k, "audio-gateway"));
        assertThat(URI.create(storeEnv.get("GATEWAY_PUBLIC_URL")).getHost()).isEqualTo(gatewayHost);
        assertThat(ConsistencyCheck.allowsOrigin("aks audio-gateway", gatewayEnv.get("GATEWAY_ALLOWED_ORIGINS"), "https://" + storeHost)).isEmpty();
    }

    private static String backendOf(Map<String, Object> ingress) {
        Map<String, Object> rule = Tree.maps(Tree.at(ingress, "spec", "rules")).get(0);
        Map<String, Object> path = Tree.maps(Tree.at(rule, "http", "paths")).get(0);
        return Tree.text(path, "backend", "service", "name");
    }

    @Test
    void theLocalOverlayRunsSqlServerAppliesTheSchemaAndServesLocalhost() {
        Kustomization k = overlay("local");
        assertThat(k.resources("Ingress")).as("no Ingress locally: port-forward to localhost").isEmpty();
        Map<String, Object> sqlService = k.resource("Service", "sqlserver").orElseThrow();
        assertThat(Tree.maps(Tree.at(sqlService, "spec", "ports")).get(0).get("port")).isEqualTo(1433);
        Map<String, String> products = k.environment(deployment(k, "products-service"), container(k, "products-service"));
        assertThat(products.get("QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:sqlserver://sqlserver:1433;");
        assertThat(products.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("secret:realtime-store-secrets/MSSQL_SA_PASSWORD");
        Map<String, Object> job = k.resource("Job", "db-init").orElseThrow();
        Map<String, Object> init = Tree.maps(Kustomization.podSpec(job).get("containers")).get(0);
        Map<String, String> initEnv = k.environment(job, init);
        assertThat(products.get("QUARKUS_DATASOURCE_JDBC_URL")).contains("databaseName=" + initEnv.get("DB_NAME") + ";");
        assertThat(Tree.list(init.get("command"))).contains("/db-init/apply.sh", "sqlserver");
        assertThat(Tree.text(Tree.maps(Kustomization.podSpec(job).get("volumes")).get(0), "configMap", "name")).isEqualTo("db-init-scripts");
        // The browser reaches both services through kubectl port-forward on localhost.
        Map<String, String> store = k.environment(deployment(k, "realtime-store"), container(k, "realtime-store"));
        Map<String, String> gateway = k.environment(deployment(k, "audio-gateway"), container(k, "audio-gateway"));
        assertThat(ConsistencyCheck.url("local realtime-store", "GATEWAY_PUBLIC_URL", store.get("GATEWAY_PUBLIC_URL"), "localhost",
                service("audio-gateway").port())).isEmpty();
        assertThat(ConsistencyCheck.allowsOrigin("local audio-gateway", gateway.get("GATEWAY_ALLOWED_ORIGINS"),
                "http://localhost:" + service("realtime-store").port())).isEmpty();
    }

    @Test
    void theAksOverlayUsesWorkloadIdentityAndNoKeys() {
        Kustomization k = overlay("aks");
        for (String s : List.of("products-service", "audio-gateway")) {
            Map<String, Object> d = deployment(k, s);
            assertThat(k.effectivePodSpec(d).get("serviceAccountName")).as(s).isEqualTo("realtime-store");
            assertThat(k.podLabels(d)).as(s).containsEntry("azure.workload.identity/use", "true");
        }
        Map<String, Object> account = k.resource("ServiceAccount", "realtime-store").orElseThrow();
        assertThat(Tree.text(account, "metadata", "annotations", "azure.workload.identity/client-id")).isNotBlank();
        for (ServiceConfig s : SERVICES.values()) {
            Map<String, String> env = k.environment(deployment(k, s.service()), container(k, s.service()));
            assertThat(env).as(s.service()).doesNotContainKeys("AZURE_OPENAI_API_KEY", "OPENAI_API_KEY", "QUARKUS_DATASOURCE_PASSWORD");
        }
        Map<String, String> products = k.environment(deployment(k, "products-service"), container(k, "products-service"));
        assertThat(products.get("QUARKUS_DATASOURCE_JDBC_URL")).contains("authentication=ActiveDirectoryDefault").contains("encrypt=true");
        assertThat(products.get("QUARKUS_DATASOURCE_USERNAME"))
                .isEqualTo(Tree.text(account, "metadata", "annotations", "azure.workload.identity/client-id"));
        Map<String, String> gateway = k.environment(deployment(k, "audio-gateway"), container(k, "audio-gateway"));
        assertThat(gateway).containsEntry("REALTIME_UPSTREAM", "azure");
        // The deployment names are the ones deploy/azure creates.
        Set<String> deployments = AzureTest.openAiDeploymentNames();
        assertThat(deployments).contains(gateway.get("AZURE_OPENAI_REALTIME_DEPLOYMENT"), gateway.get("AZURE_OPENAI_CHAT_DEPLOYMENT"),
                gateway.get("SESSION_TRANSCRIPTION_MODEL"), products.get("AZURE_OPENAI_EMBEDDING_DEPLOYMENT"));
        assertThat(k.secrets().get("realtime-store-secrets")).containsExactlyInAnyOrder("PRODUCTS_API_KEY", "GATEWAY_API_KEY", "GATEWAY_TOKEN_SECRET");
    }
}
