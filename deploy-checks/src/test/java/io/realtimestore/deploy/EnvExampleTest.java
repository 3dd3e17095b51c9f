package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.REPO;
import static io.realtimestore.deploy.Deployment.SERVICES;
import static io.realtimestore.deploy.Deployment.compose;
import static io.realtimestore.deploy.Deployment.envExample;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** .env.example documents every variable, and what it lists is what docker-compose.yml uses. */
class EnvExampleTest {

    private static final EnvExample EXAMPLE = envExample();
    private static final ComposeFile COMPOSE = compose();
    /** The gateway refuses shorter values (LocalSecrets); products-service asks 16+ characters for its key. */
    private static final Map<String, Integer> SECRET_MINIMUM_LENGTHS = Map.of(
            "PRODUCTS_API_KEY", 16, "GATEWAY_API_KEY", 16, "GATEWAY_TOKEN_SECRET", 32, "MSSQL_SA_PASSWORD", 8);

    @Test
    void everyEntryHasADescription() {
        assertThat(EXAMPLE.problems()).isEmpty();
    }

    @Test
    void listsEveryVariableTheServicesRead() {
        assertThat(EnvironmentCheck.undocumented(SERVICES.values(), EXAMPLE)).isEmpty();
    }

    @Test
    void whatItListsComposePassesOnAndWhatComposeTakesItLists() {
        List<String> problems = new ArrayList<>();
        EXAMPLE.active().keySet().stream().filter(name -> !COMPOSE.interpolations().containsKey(name))
                .forEach(name -> problems.add(name + " is set in .env.example but docker-compose.yml never uses ${" + name + "}"));
        COMPOSE.interpolations().keySet().stream().filter(name -> !EXAMPLE.active().containsKey(name))
                .forEach(name -> problems.add("docker-compose.yml uses ${" + name + "} but .env.example does not set it"));
        EXAMPLE.documented().keySet().stream().filter(COMPOSE.interpolations()::containsKey)
                .forEach(name -> problems.add(name + " is listed as set by compose, yet compose takes it from .env"));
        assertThat(problems).isEmpty();
    }

    @Test
    void itsValuesAreComposesDefaults() {
        List<String> problems = new ArrayList<>();
        COMPOSE.interpolations().values().forEach(i -> i.fallback().ifPresent(fallback -> {
            String listed = EXAMPLE.active().get(i.name());
            if (listed != null && !listed.equals(fallback)) {
                problems.add(i.name() + ": .env.example says '" + listed + "', docker-compose.yml defaults to '" + fallback + "'");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void exampleSecretsAreLongEnoughToStart() throws Exception {
        List<Path> files = new ArrayList<>(List.of(REPO.envExample()));
        for (String overlay : Deployment.OVERLAYS) {
            files.add(REPO.k8s().resolve("overlays/" + overlay + "/secrets.env.example"));
        }
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            // Only the values matter here (the overlays' secrets.env.example files need no comment per entry).
            EnvExample example = EnvExample.parse(Files.readAllLines(file));
            SECRET_MINIMUM_LENGTHS.forEach((name, minimum) -> {
                String value = example.active().get(name);
                if (value != null && value.length() < minimum) {
                    problems.add(file + ": " + name + " is shorter than " + minimum + " characters");
                }
            });
        }
        assertThat(problems).isEmpty();
    }
}
