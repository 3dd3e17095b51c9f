package io.realtimestore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The repository's deployment files, read once for all tests. */
final class Deployment {

    static final Repository REPO = Repository.locate();
    static final Map<String, ServiceConfig> SERVICES = REPO.serviceConfigs();
    static final PlatformVariables PLATFORM = PlatformVariables.load();
    /** The Kubernetes kustomizations a user applies, by name. */
    static final List<String> OVERLAYS = List.of("local", "aks");

    private Deployment() {
    }

    static ServiceConfig service(String name) {
        return SERVICES.get(name);
    }

    static ComposeFile compose() {
        try {
            return ComposeFile.read(REPO.compose());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EnvExample envExample() {
        try {
            return EnvExample.read(REPO.envExample());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Kustomization kustomization(String relative) {
        try {
            return Kustomization.build(REPO.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Kustomization overlay(String name) {
        return kustomization("deploy/k8s/overlays/" + name);
    }

    static Bicep resourcesBicep() {
        try {
            return Bicep.read(REPO.azure().resolve("infra/resources.bicep"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Bicep.ContainerApp> containerApps() {
        return resourcesBicep().containerApps("modules/container-app.bicep");
    }

    /** The container of a service's Deployment in a kustomization (the container is named after the service). */
    static Map<String, Object> container(Kustomization k, String service) {
        Map<String, Object> deployment = k.resource("Deployment", service)
                .orElseThrow(() -> new AssertionError(k.dir() + ": no Deployment " + service));
        return Tree.maps(Kustomization.podSpec(deployment).get("containers")).stream()
                .filter(c -> service.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(k.dir() + ": Deployment " + service + " has no container " + service));
    }

    static Map<String, Object> deployment(Kustomization k, String service) {
        return k.resource("Deployment", service).orElseThrow(() -> new AssertionError(k.dir() + ": no Deployment " + service));
    }
}
