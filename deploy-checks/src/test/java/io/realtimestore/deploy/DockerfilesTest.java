package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.PLATFORM;
import static io.realtimestore.deploy.Deployment.REPO;
import static io.realtimestore.deploy.Deployment.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each service's Dockerfile (JVM mode, fast-jar layout) and the root .dockerignore. */
class DockerfilesTest {

    @Test
    void imagesRunAsNonRootExposeTheServicePortAndCheckHealth() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : SERVICES.values()) {
            List<String> packages = service.service().equals("audio-gateway") ? speechRuntimeLibraries() : List.of();
            problems.addAll(DockerfileCheck.check(Dockerfile.read(REPO.dockerfile(service.service())), service.port(), packages));
        }
        assertThat(problems).isEmpty();
    }

    /** The native libraries of the offline voice engine, as .ci/run installs them for the tests (the lib* packages). */
    private static List<String> speechRuntimeLibraries() throws Exception {
        Matcher m = Pattern.compile("SPEECH_PACKAGES=\\(([^)]*)\\)").matcher(Files.readString(REPO.resolve(".ci/run")));
        assertThat(m.find()).as("SPEECH_PACKAGES in .ci/run").isTrue();
        List<String> libraries = List.of(m.group(1).trim().split("\\s+")).stream().filter(p -> p.startsWith("lib")).toList();
        assertThat(libraries).contains("libpocketsphinx3", "libsphinxbase3", "libflite1");
        return libraries;
    }

    @Test
    void imagesAreTheQuarkusFastJarOfTheirOwnModule() throws Exception {
        for (String service : SERVICES.keySet()) {
            Dockerfile dockerfile = Dockerfile.read(REPO.dockerfile(service));
            List<String> copies = dockerfile.finalStage().stream().filter(i -> i.keyword().equals("COPY"))
                    .map(Dockerfile.Instruction::arguments).filter(c -> c.contains("--from=build")).toList();
            assertThat(copies).as(service).isNotEmpty();
            assertThat(copies).as(service).allMatch(c -> c.contains("/src/" + service + "/target/quarkus-app/"));
            assertThat(copies).as(service).anyMatch(c -> c.contains("quarkus-app/lib/")).anyMatch(c -> c.contains("quarkus-app/quarkus/"))
                    .anyMatch(c -> c.contains("quarkus-app/app/")).anyMatch(c -> c.contains("quarkus-app/*.jar"));
            assertThat(dockerfile.instructions()).as(service)
                    .anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("-pl " + service + " -am package"));
            assertThat(dockerfile.finalStage().get(dockerfile.finalStage().size() - 1).arguments()).as(service).contains("quarkus-run.jar");
        }
    }

    @Test
    void theCatalogImageIsTheSqlServerBuildAndRunsThatProfile() throws Exception {
        Dockerfile dockerfile = Dockerfile.read(REPO.dockerfile("products-service"));
        assertThat(dockerfile.instructions()).anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("-Dquarkus.profile=mssql"));
        assertThat(dockerfile.finalStage()).anyMatch(i -> i.keyword().equals("ENV") && i.arguments().contains("QUARKUS_PROFILE=mssql"));
        assertThat(Files.readString(REPO.applicationProperties("products-service"))).contains("%mssql.quarkus.datasource.db-kind=mssql");
    }

    @Test
    void variablesTheImagesSetAreRead() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : SERVICES.values()) {
            Dockerfile dockerfile = Dockerfile.read(REPO.dockerfile(service.service()));
            problems.addAll(EnvironmentCheck.unread(dockerfile.name(), service, dockerfile.environmentNames(), PLATFORM));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theBuildContextKeepsTheModulesAndLeavesOutOutputsAndSecrets() throws Exception {
        List<String> ignored = Files.readAllLines(REPO.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("**/target/", ".env", ".git/", "data/");
        String rootPom = Files.readString(REPO.resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        List<String> modules = new ArrayList<>(List.of("mvnw", ".mvn/", "pom.xml"));
        while (module.find()) {
            modules.add(module.group(1) + "/");
        }
        for (String needed : modules) {
            assertThat(ignored).as("the build needs %s", needed)
                    .noneMatch(pattern -> needed.equals(pattern) || needed.startsWith(pattern.endsWith("/") ? pattern : pattern + "/"));
        }
    }
}
