package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.PLATFORM;
import static io.realtimestore.deploy.Deployment.REPO;
import static io.realtimestore.deploy.Deployment.SERVICES;
import static io.realtimestore.deploy.Deployment.containerApps;
import static io.realtimestore.deploy.Deployment.resourcesBicep;
import static io.realtimestore.deploy.Deployment.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.deploy.Bicep.ContainerApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/azure: azure.yaml for azd and the Bicep (read as text; no Bicep compiler or Azure here). */
class AzureTest {

    private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    private static final String OPENAI_USER = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
    private static final Path INFRA = REPO.azure().resolve("infra");

    private static Map<String, ContainerApp> apps() {
        return containerApps().stream().collect(Collectors.toMap(ContainerApp::name, Function.identity()));
    }

    @Test
    void azureYamlBuildsEachServiceFromItsDockerfileAtTheRepositoryRoot() throws Exception {
        Map<String, Object> azure = Tree.loadMap(REPO.azure().resolve("azure.yaml"));
        assertThat(Tree.map(azure.get("services")).keySet()).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        for (String s : SERVICES.keySet()) {
            Object svc = Tree.at(azure, "services", s);
            assertThat(Tree.text(svc, "host")).isEqualTo("containerapp");
            Path project = REPO.azure().resolve(Tree.text(svc, "project")).normalize();
            assertThat(project).isEqualTo(REPO.resolve(s));
            assertThat(project.resolve(Tree.text(svc, "docker", "path")).normalize()).isEqualTo(REPO.dockerfile(s));
            assertThat(project.resolve(Tree.text(svc, "docker", "context")).normalize()).isEqualTo(REPO.root());
            assertThat(Tree.text(svc, "docker", "image")).isEqualTo("realtime-store/" + s);
        }
        assertThat(INFRA.resolve(Tree.text(azure, "infra", "module") + ".bicep")).isEqualTo(INFRA.resolve("main.bicep")).exists();
        assertThat(REPO.azure().resolve(Tree.text(azure, "hooks", "postprovision", "run"))).isExecutable();
    }

    @Test
    void theParametersFileSetsExactlyTheParametersOfMainBicep() throws Exception {
        String main = Files.readString(INFRA.resolve("main.bicep"));
        Matcher param = Pattern.compile("(?m)^param\\s+(\\w+)\\s+\\w+(\\s*=.*)?$").matcher(main);
        Set<String> declared = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        while (param.find()) {
            declared.add(param.group(1));
            if (param.group(2) == null) {
                required.add(param.group(1));
            }
        }
        Set<String> given = Tree.map(Tree.at(Tree.loadMap(INFRA.resolve("main.parameters.json")), "parameters")).keySet();
        assertThat(declared).containsAll(given);
        assertThat(given).containsAll(required);
    }

    @Test
    void eachServiceIsAContainerAppOnItsPortBehindTheRightIngress() {
        Map<String, ContainerApp> apps = apps();
        assertThat(apps.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        for (ServiceConfig s : SERVICES.values()) {
            assertThat(apps.get(s.service()).targetPort()).as("%s targetPort", s.service()).isEqualTo(s.port());
        }
        assertThat(apps.get("realtime-store").external()).as("store: external (browsers)").isTrue();
        assertThat(apps.get("audio-gateway").external()).as("gateway: external (browser WebSockets)").isTrue();
        assertThat(apps.get("products-service").external()).as("products-service: internal").isFalse();
    }

    @Test
    void containerAppsProbeTheHealthEndpointsOnTheirPort() throws Exception {
        Bicep module = Bicep.read(INFRA.resolve("modules/container-app.bicep"));
        String text = module.text();
        assertThat(text).containsPattern("type:\\s*'Liveness'\\s*httpGet:\\s*\\{\\s*path:\\s*'" + WorkloadCheck.LIVE + "',\\s*port:\\s*targetPort\\s*}")
                .containsPattern("type:\\s*'Readiness'\\s*httpGet:\\s*\\{\\s*path:\\s*'" + WorkloadCheck.READY + "',\\s*port:\\s*targetPort\\s*}")
                .containsPattern("targetPort:\\s*targetPort")
                .containsPattern("'azd-service-name':\\s*name");
    }

    @Test
    void appsGetOnlyVariablesTheyReadAndEveryOneTheyNeed() {
        List<String> problems = new ArrayList<>();
        for (ContainerApp app : containerApps()) {
            ServiceConfig s = service(app.name());
            problems.addAll(EnvironmentCheck.unread("bicep " + app.name(), s, app.env().keySet(), PLATFORM));
            problems.addAll(EnvironmentCheck.missingRequired("bicep " + app.name(), s, app.env().keySet(),
                    KubernetesTest.passwordlessDatabase(app.env())));
            app.env().values().stream().filter(v -> v.startsWith("secretRef:")).map(v -> v.substring("secretRef:".length()))
                    .filter(ref -> !app.secretNames().contains(ref))
                    .forEach(ref -> problems.add("bicep " + app.name() + ": secretRef " + ref + " is not one of its secrets"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noKeysReachTheApps() {
        Bicep bicep = resourcesBicep();
        for (ContainerApp app : containerApps()) {
            assertThat(app.env()).as(app.name()).doesNotContainKeys("AZURE_OPENAI_API_KEY", "OPENAI_API_KEY", "QUARKUS_DATASOURCE_PASSWORD");
        }
        Map<String, String> products = apps().get("products-service").env();
        assertThat(products.get("QUARKUS_DATASOURCE_JDBC_URL")).contains("authentication=ActiveDirectoryDefault");
        assertThat(products.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo("identity.properties.clientId");
        for (String s : List.of("products-service", "audio-gateway")) {
            assertThat(apps().get(s).env()).as(s).containsEntry("AZURE_CLIENT_ID", "identity.properties.clientId");
        }
        assertThat(bicep.text()).containsPattern("disableLocalAuth:\\s*true")
                .containsPattern("azureADOnlyAuthentication:\\s*true")
                .containsPattern("adminUserEnabled:\\s*false")
                .doesNotContain("openAi.listKeys").doesNotContain("registry.listCredentials");
    }

    @Test
    void theIdentityHasTheRolesTheAppsNeed() {
        Bicep bicep = resourcesBicep();
        assertThat(bicep.variable("acrPullRole")).contains(ACR_PULL);
        assertThat(bicep.variable("openAiUserRole")).contains(OPENAI_USER);
        String text = bicep.text();
        assertThat(text).containsPattern("(?s)resource registryPull [^=]+=\\s*\\{.*?scope:\\s*registry.*?acrPullRole.*?principalId:\\s*identity\\.properties\\.principalId");
        assertThat(text).containsPattern("(?s)resource openAiUse [^=]+=\\s*\\{.*?scope:\\s*openAi.*?openAiUserRole.*?principalId:\\s*identity\\.properties\\.principalId");
    }

    @Test
    void theAppsPullTheirImagesWithTheIdentity() throws Exception {
        assertThat(Bicep.read(INFRA.resolve("modules/container-app.bicep")).text())
                .containsPattern("registries:\\s*\\[\\s*\\{\\s*server:\\s*registryServer,\\s*identity:\\s*identityId\\s*}");
    }

    @Test
    void theAppsAreConfiguredWithTheDeploymentsThatAreCreated() {
        Set<String> deployments = openAiDeploymentNames();
        assertThat(deployments).contains("gpt-4o-mini").anyMatch(d -> d.startsWith("gpt-realtime")).anyMatch(d -> d.startsWith("text-embedding-"))
                .anyMatch(d -> d.contains("transcribe"));
        Map<String, String> gateway = apps().get("audio-gateway").env();
        Map<String, String> products = apps().get("products-service").env();
        assertThat(deployments).contains(resolve(gateway.get("AZURE_OPENAI_REALTIME_DEPLOYMENT")), resolve(gateway.get("AZURE_OPENAI_CHAT_DEPLOYMENT")),
                resolve(gateway.get("SESSION_TRANSCRIPTION_MODEL")), resolve(products.get("AZURE_OPENAI_EMBEDDING_DEPLOYMENT")));
        assertThat(gateway).containsEntry("REALTIME_UPSTREAM", "'azure'");
    }

    @Test
    void appsReachEachOtherByAppNameAndBrowsersByTheGatewaysAddress() {
        Map<String, ContainerApp> apps = apps();
        for (String s : List.of("audio-gateway", "realtime-store")) {
            assertThat(apps.get(s).env()).as(s).containsEntry("PRODUCTS_URL", "'http://products-service'");
        }
        String gatewayUrl = resourcesBicep().variable("gatewayUrl").orElseThrow();
        String storeUrl = resourcesBicep().variable("storeUrl").orElseThrow();
        assertThat(gatewayUrl).startsWith("https://audio-gateway.");
        assertThat(storeUrl).startsWith("https://realtime-store.");
        assertThat(apps.get("realtime-store").env()).containsEntry("GATEWAY_PUBLIC_URL", "gatewayUrl").containsEntry("GATEWAY_URL", "gatewayUrl");
        assertThat(apps.get("audio-gateway").env()).containsEntry("GATEWAY_ALLOWED_ORIGINS", "storeUrl");
    }

    /** The deployment names of the Azure OpenAI resource (main.bicep's default realtime model included). */
    static Set<String> openAiDeploymentNames() {
        String array = resourcesBicep().variable("openAiDeployments").orElseThrow();
        Matcher m = Pattern.compile("name:\\s*([^,}]+)").matcher(array);
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(resolve(m.group(1).strip()));
        }
        return names;
    }

    /** A Bicep value as the apps see it: a literal's text, a var's value, or a parameter's default in main.bicep. */
    private static String resolve(String expression) {
        if (expression.startsWith("'")) {
            return Bicep.unquote(expression);
        }
        return resourcesBicep().variable(expression).orElseGet(() -> {
            try {
                Matcher m = Pattern.compile("(?m)^param\\s+" + Pattern.quote(expression) + "\\s+string\\s*=\\s*'([^']*)'")
                        .matcher(Files.readString(INFRA.resolve("main.bicep")));
                return m.find() ? m.group(1) : expression;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
