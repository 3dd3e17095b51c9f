package io.realtimestore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.hibernate.annotations.Nationalized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each checker fails on a small bad sample: the checks over the real files would catch the same drift. */
class CheckersRejectBadSamplesTest {

    private static final PlatformVariables PLATFORM = PlatformVariables.load();

    @TempDir
    Path dir;

    private static ServiceConfig config(String properties) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(properties));
        return ServiceConfig.parse("sample-service", p);
    }

    private static final String SAMPLE_PROPERTIES = """
            quarkus.http.port=9000
            sample.url=${SAMPLE_URL:http://localhost:1}
            sample.secret=${SAMPLE_SECRET}
            %prod.quarkus.datasource.username=${DB_USER:sa}
            """;

    @Test
    void serviceConfigReadsPlaceholdersPropertyNamesAndThePort() throws Exception {
        ServiceConfig c = config(SAMPLE_PROPERTIES);
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.reads("SAMPLE_URL")).isTrue();
        assertThat(c.reads("QUARKUS_DATASOURCE_USERNAME")).as("env form of a profiled property").isTrue();
        assertThat(c.reads("SAMPLE_UNKNOWN")).isFalse();
        assertThat(c.required()).containsExactly("SAMPLE_SECRET");
        assertThatThrownBy(() -> config("sample.url=x")).hasMessageContaining("quarkus.http.port");
    }

    @Test
    void environmentCheckFlagsVariablesNobodyReadsAndMissingRequiredOnes() throws Exception {
        ServiceConfig c = config(SAMPLE_PROPERTIES);
        assertThat(EnvironmentCheck.unread("sample", c, List.of("SAMPLE_URL", "SAMPLE_TYPO", "QUARKUS_PROFILE"), PLATFORM))
                .singleElement().asString().contains("SAMPLE_TYPO");
        assertThat(EnvironmentCheck.unreadByPlatform("sample sqlserver", List.of("MSSQL_SA_PASSWORD", "SA_PASSWORD"), Set.of("sqlserver"), PLATFORM))
                .singleElement().asString().contains("SA_PASSWORD is set");
        assertThat(EnvironmentCheck.missingRequired("sample", c, List.of("SAMPLE_URL"), Set.of()))
                .singleElement().asString().contains("SAMPLE_SECRET");
        assertThat(EnvironmentCheck.missingRequired("sample", c, List.of(), Set.of("SAMPLE_SECRET"))).isEmpty();
    }

    @Test
    void envExampleChecksFlagUndescribedDuplicateAndMissingEntries() throws Exception {
        EnvExample example = EnvExample.parse(List.of(
                "# What the URL is for.", "SAMPLE_URL=http://localhost:1",
                "SAMPLE_SECRET=x",
                "# Listed twice.", "SAMPLE_URL=y",
                "not an entry"));
        assertThat(example.problems()).hasSize(3)
                .anyMatch(p -> p.contains("SAMPLE_SECRET has no comment"))
                .anyMatch(p -> p.contains("SAMPLE_URL is listed twice"))
                .anyMatch(p -> p.contains("not a NAME=value"));
        EnvExample partial = EnvExample.parse(List.of("# The URL.", "SAMPLE_URL=1"));
        assertThat(EnvironmentCheck.undocumented(List.of(config(SAMPLE_PROPERTIES)), partial))
                .containsExactlyInAnyOrder(".env.example: SAMPLE_SECRET is read by a service but not listed",
                        ".env.example: DB_USER is read by a service but not listed");
    }

    @Test
    void dockerfileCheckFlagsRootWrongPortNoHealthcheckAndMissingPackages() {
        Dockerfile bad = Dockerfile.parse("bad/Dockerfile", """
                FROM eclipse-temurin:25-jdk AS build
                USER 185
                FROM debian:bookworm-slim
                RUN apt-get update \\
                 && apt-get install -y --no-install-recommends libflite1 curl
                ENV JAVA_OPTS="-Xmx1g -Da=b" APP_MODE=x
                EXPOSE 8080
                """);
        assertThat(bad.user()).as("USER of the build stage does not count").isEqualTo("root");
        assertThat(bad.environmentNames()).containsExactly("JAVA_OPTS", "APP_MODE");
        assertThat(DockerfileCheck.check(bad, 8082, List.of("libflite1", "libpocketsphinx3")))
                .hasSize(4)
                .anyMatch(p -> p.contains("runs as root"))
                .anyMatch(p -> p.contains("EXPOSE [8080]"))
                .anyMatch(p -> p.contains("no HEALTHCHECK"))
                .anyMatch(p -> p.contains("does not install libpocketsphinx3"));
        Dockerfile wrongHealth = Dockerfile.parse("x", "FROM a\nUSER 185\nEXPOSE 8082\nHEALTHCHECK CMD curl -f http://localhost:8082/\n");
        assertThat(DockerfileCheck.check(wrongHealth, 8082, List.of())).singleElement().asString().contains("HEALTHCHECK does not call");
    }

    @Test
    void workloadCheckFlagsWrongProbesPortsAndMissingResources() throws Exception {
        Path file = dir.resolve("deployment.yaml");
        Files.writeString(file, """
                name: sample
                ports:
                  - name: http
                    containerPort: 8080
                livenessProbe:
                  httpGet: {path: /health, port: http}
                readinessProbe:
                  httpGet: {path: /q/health/ready, port: 9999}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                """);
        Map<String, Object> container = Tree.loadMap(file);
        assertThat(WorkloadCheck.serviceContainer("sample", container, 8081)).hasSize(6)
                .anyMatch(p -> p.contains("container ports [8080]"))
                .anyMatch(p -> p.contains("livenessProbe calls /health"))
                .anyMatch(p -> p.contains("livenessProbe calls port http"))
                .anyMatch(p -> p.contains("readinessProbe calls port 9999"))
                .anyMatch(p -> p.contains("resources.limits"));
    }

    @Test
    void kustomizationFlagsMissingFilesAndHonoursDeletePatchesAndMerges() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("kustomization.yaml"), """
                resources: [app.yaml, gone.yaml]
                configMapGenerator:
                  - name: app-config
                    literals: [A=1, B=2]
                """);
        Files.writeString(base.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: shop/app:1
                          envFrom: [{configMapRef: {name: app-config}}]
                          env: [{name: C, value: "3"}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: app}
                """);
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [../base]
                images: [{name: shop/app, newName: registry.example/shop/app}]
                configMapGenerator:
                  - {name: app-config, behavior: merge, literals: [B=20]}
                  - {name: other-config, behavior: merge, literals: [X=1]}
                secretGenerator:
                  - {name: app-secrets, envs: [secrets.env]}
                patches:
                  - path: delete-ingress.yaml
                  - path: missing-patch.yaml
                """);
        Files.writeString(overlay.resolve("delete-ingress.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: app}
                $patch: delete
                """);
        Kustomization k = Kustomization.build(overlay);
        assertThat(k.problems()).hasSize(4)
                .anyMatch(p -> p.contains("gone.yaml does not exist"))
                .anyMatch(p -> p.contains("missing-patch.yaml does not exist"))
                .anyMatch(p -> p.contains("merges into other-config, which no base generates"))
                .anyMatch(p -> p.contains("secrets.env does not exist"));
        assertThat(k.resources("Ingress")).isEmpty();
        Map<String, Object> deployment = k.resource("Deployment", "app").orElseThrow();
        Map<String, Object> container = Tree.maps(Kustomization.podSpec(deployment).get("containers")).get(0);
        assertThat(k.environment(deployment, container)).containsEntry("A", "1").containsEntry("B", "20").containsEntry("C", "3");
        assertThat(k.image(container)).isEqualTo("registry.example/shop/app:1");
    }

    @Test
    void composeReaderSeesInterpolationsPortsAndEnvironmentForms() {
        ComposeFile compose = ComposeFile.parse("""
                services:
                  app:
                    image: shop/app:latest
                    environment:
                      - URL=${URL:-http://localhost:1}
                      - TOKEN=${TOKEN:?set TOKEN}
                      - RAW=$${NOT_A_VARIABLE}
                      - ONLY_WITH=${WITH:+${INNER:-x}}
                    ports: ["127.0.0.1:9000:8080", "9001"]
                """);
        ComposeFile.Service app = compose.services().get("app");
        assertThat(app.environment()).containsKeys("URL", "TOKEN", "RAW");
        assertThat(compose.interpolations()).containsOnlyKeys("URL", "TOKEN", "WITH", "INNER");
        assertThat(compose.interpolations().get("INNER").fallback()).contains("x");
        assertThat(ComposeFile.withDefaults(app.environment().get("ONLY_WITH"))).isEmpty();
        assertThat(compose.interpolations().get("TOKEN").required()).isTrue();
        assertThat(app.published(8080)).get().isEqualTo(new ComposeFile.PortMapping("127.0.0.1", 9000, 8080));
        assertThat(ComposeFile.withDefaults("${URL:-http://localhost:1}/x")).isEqualTo("http://localhost:1/x");
    }

    @Test
    void consistencyCheckFlagsDriftingDefaultsAddressesAndOrigins() throws Exception {
        ServiceConfig c = config(SAMPLE_PROPERTIES);
        assertThat(ConsistencyCheck.composeDefaults("compose", Map.of("SAMPLE_URL", "${SAMPLE_URL:-http://localhost:2}"), c))
                .singleElement().asString().contains("defaults to 'http://localhost:2' but sample-service defaults to 'http://localhost:1'");
        assertThat(ConsistencyCheck.composeDefaults("compose", Map.of("SAMPLE_URL", "${SAMPLE_URL:-http://localhost:1}"), c)).isEmpty();
        assertThat(ConsistencyCheck.url("x", "PRODUCTS_URL", "http://products:8080", "products", 8081)).hasSize(1);
        assertThat(ConsistencyCheck.url("x", "GATEWAY_PUBLIC_URL", "wss://voice.example.com", "voice.example.com", 443)).isEmpty();
        assertThat(ConsistencyCheck.allowsOrigin("x", "http://localhost:8080", "https://store.example.com")).hasSize(1);
    }

    @Test
    void bicepReaderFindsContainerAppsTheirEnvironmentAndSharedVariables() {
        Bicep bicep = Bicep.parse("""
                // a comment with 'quotes' and { braces
                var shared = [
                  { name: 'OTEL_SDK_DISABLED', value: 'false' }
                ]
                var url = 'https://gw.example'
                module app 'modules/container-app.bicep' = {
                  name: 'app-deployment'
                  params: {
                    name: 'sample-service'
                    targetPort: 9000
                    external: false
                    secrets: [
                      { name: 'sample-secret', value: secretParam }
                    ]
                    env: concat(shared, [
                      { name: 'SAMPLE_URL', value: 'http://${host}:1' } /* trailing */
                      { name: 'SAMPLE_SECRET', secretRef: 'sample-secret' }
                      { name: 'SAMPLE_TYPO', value: url }
                    ])
                  }
                }
                """);
        Bicep.ContainerApp app = bicep.containerApps("modules/container-app.bicep").get(0);
        assertThat(app.name()).isEqualTo("sample-service");
        assertThat(app.targetPort()).isEqualTo(9000);
        assertThat(app.external()).isFalse();
        assertThat(app.secretNames()).containsExactly("sample-secret");
        assertThat(app.env()).containsEntry("OTEL_SDK_DISABLED", "'false'").containsEntry("SAMPLE_SECRET", "secretRef:sample-secret")
                .containsEntry("SAMPLE_URL", "'http://${host}:1'").containsEntry("SAMPLE_TYPO", "url");
        assertThat(bicep.variable("url")).contains("https://gw.example");
        assertThat(bicep.text()).doesNotContain("a comment").doesNotContain("trailing");
    }

    @Test
    void schemaCheckFlagsEveryKindOfDrift() {
        DdlSchema ddl = DdlSchema.parse("""
                CREATE SEQUENCE sample_seq START WITH 1 INCREMENT BY 1;
                GO
                CREATE TABLE sample (
                    id       BIGINT        NOT NULL,
                    code     VARCHAR(20)   NOT NULL,   -- mapped as 32 characters, unique
                    label    VARCHAR(80)   NOT NULL,   -- mapped as nationalized
                    price    NUMERIC(9,2)  NULL,       -- mapped as not null
                    created  DATETIME2(7)  NOT NULL,   -- an Instant is a DATETIMEOFFSET
                    extra    INT           NULL,       -- mapped by nothing
                    CONSTRAINT pk_sample PRIMARY KEY (id)
                );
                GO
                CREATE TABLE stray (id INT NOT NULL);
                """);
        List<String> problems = SchemaCheck.compare(List.of(EntityMappings.of(SampleEntity.class)), ddl);
        assertThat(problems)
                .anyMatch(p -> p.contains("column code: DDL type VARCHAR(20)"))
                .anyMatch(p -> p.contains("column code: unique in the mapping but no UNIQUE constraint"))
                .anyMatch(p -> p.contains("column label: DDL type VARCHAR(80)") && p.contains("NVARCHAR(80)"))
                .anyMatch(p -> p.contains("column price: DDL says NULL"))
                .anyMatch(p -> p.contains("column created: DDL type DATETIME2(7)"))
                .anyMatch(p -> p.contains("column extra: in the DDL but mapped by no field"))
                .anyMatch(p -> p.contains("column note: mapped by note but not in the DDL"))
                .anyMatch(p -> p.contains("table stray: created by the DDL but mapped by no entity"))
                .anyMatch(p -> p.contains("sequence sample_seq: DDL starts at 1 by 1, the mapping expects 1 by 50"))
                .hasSize(9);
    }

    @Test
    void yamlThatDoesNotParseFails() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "services:\n  app:\n    image: [unclosed\n");
        assertThatThrownBy(() -> Tree.load(file)).isInstanceOf(RuntimeException.class);
    }

    @Entity
    @Table(name = "sample")
    static class SampleEntity {
        @Id
        @SequenceGenerator(name = "sample_seq", sequenceName = "sample_seq", allocationSize = 50)
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sample_seq")
        Long id;

        @Column(name = "code", nullable = false, unique = true, length = 32)
        String code;

        @Nationalized
        @Column(name = "label", nullable = false, length = 80)
        String label;

        @Column(name = "price", nullable = false, precision = 9, scale = 2)
        BigDecimal price;

        @Column(name = "created", nullable = false)
        Instant created;

        @Column(name = "note", length = 200)
        String note;
    }
}
