package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every YAML file of the repository (compose, kustomizations, manifests, azure.yaml) and the Bicep parameters parse. */
class YamlFilesTest {

    @Test
    void everyYamlFileParses() throws Exception {
        List<Path> files = REPO.files(".yml", ".yaml", ".parameters.json");
        assertThat(files).extracting(f -> REPO.root().relativize(f).toString().replace('\\', '/'))
                .contains("docker-compose.yml", "deploy/azure/azure.yaml", "deploy/azure/infra/main.parameters.json",
                        "deploy/k8s/base/kustomization.yaml", "deploy/k8s/overlays/local/kustomization.yaml",
                        "deploy/k8s/overlays/aks/kustomization.yaml", "deploy/db-init/kustomization.yaml");
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            try {
                assertThat(Tree.load(file)).as("documents in %s", file).isNotEmpty();
            } catch (Exception | AssertionError e) {
                failures.add(REPO.root().relativize(file) + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyKubernetesDocumentNamesItsKindAndName() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path file : REPO.files(".yaml")) {
            String relative = REPO.root().relativize(file).toString().replace('\\', '/');
            if (!relative.startsWith("deploy/k8s/") || file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (Object document : Tree.load(file)) {
                if (Tree.text(document, "apiVersion") == null || Tree.text(document, "kind") == null
                        || Tree.text(document, "metadata", "name") == null) {
                    failures.add(relative + ": a document without apiVersion, kind or metadata.name");
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
