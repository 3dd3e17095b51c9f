package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.PLATFORM;
import static io.realtimestore.deploy.Deployment.REPO;
import static io.realtimestore.deploy.Deployment.SERVICES;
import static io.realtimestore.deploy.Deployment.compose;
import static io.realtimestore.deploy.Deployment.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.deploy.ComposeFile.PortMapping;
import io.realtimestore.deploy.ComposeFile.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the services' configuration, the Dockerfiles and deploy/db-init/. */
class ComposeTest {

    private static final ComposeFile COMPOSE = compose();
    private static final String DASHBOARD_OTLP = "http://aspire-dashboard:18889";

    private static Service svc(String name) {
        assertThat(COMPOSE.services()).containsKey(name);
        return COMPOSE.services().get(name);
    }

    @Test
    void runsTheServicesSqlServerItsInitAndTheDashboard() {
        assertThat(COMPOSE.services().keySet())
                .containsExactlyInAnyOrder("sqlserver", "db-init", "products-service", "audio-gateway", "realtime-store", "aspire-dashboard");
    }

    @Test
    void eachServiceIsBuiltFromItsDockerfileAtTheRepositoryRoot() {
        for (String name : SERVICES.keySet()) {
            Service s = svc(name);
            assertThat(s.image()).as("%s image", name).startsWith("realtime-store/" + name + ":");
            assertThat(s.buildContext()).as("%s build context", name).isEqualTo(".");
            assertThat(REPO.resolve(s.dockerfile())).as("%s dockerfile", name).isEqualTo(REPO.dockerfile(name));
            assertThat(REPO.dockerfile(name)).exists();
        }
    }

    @Test
    void sqlServerIsCheckedKeptAndInitialisedBeforeTheCatalogStarts() {
        Service sql = svc("sqlserver");
        assertThat(sql.healthcheck()).as("SQL Server health check").isTrue();
        assertThat(sql.volumes()).anyMatch(v -> v.endsWith(":/var/opt/mssql"));
        Service init = svc("db-init");
        assertThat(init.dependsOn()).containsEntry("sqlserver", "service_healthy");
        assertThat(init.volumes()).contains("./deploy/db-init:/db-init:ro");
        assertThat(REPO.dbInit().resolve("apply.sh")).isExecutable();
        assertThat(svc("products-service").dependsOn()).containsEntry("db-init", "service_completed_successfully");
        // The same password, and the database the init creates is the one products-service opens.
        assertThat(init.environment().get("SQLCMDPASSWORD")).startsWith("${MSSQL_SA_PASSWORD");
        assertThat(svc("products-service").environment().get("QUARKUS_DATASOURCE_PASSWORD")).startsWith("${MSSQL_SA_PASSWORD");
        assertThat(svc("products-service").environment().get("QUARKUS_DATASOURCE_JDBC_URL"))
                .startsWith("jdbc:sqlserver://sqlserver:1433;")
                .contains("databaseName=" + init.environment().get("DB_NAME") + ";");
    }

    @Test
    void theStoreAndTheGatewayArePublishedOnTheirPorts() {
        for (String name : List.of("realtime-store", "audio-gateway")) {
            int port = service(name).port();
            assertThat(svc(name).published(port)).as("%s publishes container port %d", name, port).isPresent();
        }
        assertThat(svc("realtime-store").published(8080)).get().extracting(PortMapping::hostPort).isEqualTo(8080);
    }

    @Test
    void servicesReachEachOtherAndTheBrowserReachesTheGateway() {
        List<String> problems = new ArrayList<>();
        int products = service("products-service").port();
        int gateway = service("audio-gateway").port();
        for (String name : List.of("audio-gateway", "realtime-store")) {
            problems.addAll(ConsistencyCheck.url("compose " + name, "PRODUCTS_URL", svc(name).environment().get("PRODUCTS_URL"),
                    "products-service", products));
        }
        Map<String, String> store = svc("realtime-store").environment();
        problems.addAll(ConsistencyCheck.url("compose realtime-store", "GATEWAY_URL", store.get("GATEWAY_URL"), "audio-gateway", gateway));
        // The browser runs on the host: it dials the gateway's published port on localhost.
        int gatewayHostPort = svc("audio-gateway").published(gateway).orElseThrow().hostPort();
        problems.addAll(ConsistencyCheck.url("compose realtime-store", "GATEWAY_PUBLIC_URL",
                ComposeFile.withDefaults(store.get("GATEWAY_PUBLIC_URL")), "localhost", gatewayHostPort));
        int storeHostPort = svc("realtime-store").published(service("realtime-store").port()).orElseThrow().hostPort();
        problems.addAll(ConsistencyCheck.allowsOrigin("compose audio-gateway",
                ComposeFile.withDefaults(svc("audio-gateway").environment().get("GATEWAY_ALLOWED_ORIGINS")),
                "http://localhost:" + storeHostPort));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceExportsTracesToTheDashboard() {
        for (String name : SERVICES.keySet()) {
            Map<String, String> env = svc(name).environment();
            assertThat(env).as(name).containsEntry("OTEL_SDK_DISABLED", "false")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", DASHBOARD_OTLP);
            assertThat(svc(name).dependsOn()).as(name).containsKey("aspire-dashboard");
        }
        assertThat(svc("aspire-dashboard").image()).startsWith("mcr.microsoft.com/dotnet/aspire-dashboard:");
    }

    @Test
    void servicesGetOnlyVariablesTheyReadAndEveryOneTheyNeed() {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig config : SERVICES.values()) {
            Map<String, String> env = svc(config.service()).environment();
            problems.addAll(EnvironmentCheck.unread("compose " + config.service(), config, env.keySet(), PLATFORM));
            problems.addAll(EnvironmentCheck.missingRequired("compose " + config.service(), config, env.keySet(), Set.of()));
            problems.addAll(ConsistencyCheck.composeDefaults("compose " + config.service(), env, config));
        }
        problems.addAll(EnvironmentCheck.unreadByPlatform("compose sqlserver", svc("sqlserver").environment().keySet(),
                Set.of("sqlserver"), PLATFORM));
        problems.addAll(EnvironmentCheck.unreadByPlatform("compose db-init", svc("db-init").environment().keySet(),
                Set.of("db-init"), PLATFORM));
        problems.addAll(EnvironmentCheck.unreadByPlatform("compose aspire-dashboard", svc("aspire-dashboard").environment().keySet(),
                Set.of("aspire-dashboard"), PLATFORM));
        assertThat(problems).isEmpty();
    }

    @Test
    void theCatalogGetsTheAzureEndpointOnlyWithAnEmbeddingDeployment() {
        // products-service embeds with Azure only when AZURE_OPENAI_EMBEDDING_DEPLOYMENT is set: the endpoint goes with it.
        Map<String, String> products = svc("products-service").environment();
        assertThat(products.get("AZURE_OPENAI_ENDPOINT")).isEqualTo("${AZURE_OPENAI_EMBEDDING_DEPLOYMENT:+${AZURE_OPENAI_ENDPOINT}}");
        assertThat(ComposeFile.withDefaults(products.get("AZURE_OPENAI_ENDPOINT"))).isEmpty();
    }

    @Test
    void secretsMustComeFromDotEnv() {
        for (String secret : List.of("MSSQL_SA_PASSWORD", "PRODUCTS_API_KEY", "GATEWAY_API_KEY", "GATEWAY_TOKEN_SECRET")) {
            assertThat(COMPOSE.interpolations().get(secret)).as(secret).isNotNull()
                    .satisfies(i -> {
                        assertThat(i.required()).as("%s is required (${%s:?…})", secret, secret).isTrue();
                        assertThat(i.fallback()).as("%s has no default", secret).isEmpty();
                    });
        }
    }
}
