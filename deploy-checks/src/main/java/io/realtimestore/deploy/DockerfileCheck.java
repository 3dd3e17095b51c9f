package io.realtimestore.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What every service image must do: run as a non-root user, expose the service's port, check its health. */
public final class DockerfileCheck {

    private DockerfileCheck() {
    }

    public static List<String> check(Dockerfile dockerfile, int port, Collection<String> requiredPackages) {
        List<String> problems = new ArrayList<>();
        String where = dockerfile.name();
        String user = dockerfile.user();
        if (Set.of("root", "0", "0:0", "root:root").contains(user)) {
            problems.add(where + ": the image runs as root (set a USER with a non-zero uid in the final stage)");
        }
        if (!dockerfile.exposedPorts().equals(Set.of(port))) {
            problems.add(where + ": EXPOSE " + dockerfile.exposedPorts() + " but the service listens on " + port);
        }
        String healthcheck = dockerfile.healthcheck();
        if (healthcheck == null) {
            problems.add(where + ": no HEALTHCHECK");
        } else if (!healthcheck.contains("localhost:" + port + "/q/health/live")
                && !healthcheck.contains("localhost:" + port + "/q/health/ready")) {
            problems.add(where + ": the HEALTHCHECK does not call /q/health/live or /q/health/ready on port " + port + ": " + healthcheck);
        }
        for (String required : requiredPackages) {
            if (!dockerfile.aptPackages().contains(required)) {
                problems.add(where + ": does not install " + required + " (installed: " + dockerfile.aptPackages() + ")");
            }
        }
        return problems;
    }
}
