package io.realtimestore.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Whether the variables a deployment file sets are read by what runs there, and whether what must be set is. */
public final class EnvironmentCheck {

    private EnvironmentCheck() {
    }

    /** Variables given to a service's container that neither the service nor the platform under it reads. */
    public static List<String> unread(String where, ServiceConfig service, Collection<String> names, PlatformVariables platform) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (!service.reads(name) && !platform.readBy(name, PlatformVariables.SERVICE_CONSUMERS)) {
                problems.add(where + ": " + name + " is set but " + service.service()
                        + " does not read it (not in its application.properties nor in platform-variables.properties)");
            }
        }
        return problems;
    }

    /** Variables given to a container that is not one of the services (SQL Server, db-init, the dashboard). */
    public static List<String> unreadByPlatform(String where, Collection<String> names, Set<String> consumers, PlatformVariables platform) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (!platform.readBy(name, consumers)) {
                problems.add(where + ": " + name + " is set but nothing there reads it (consumers " + consumers + ")");
            }
        }
        return problems;
    }

    /** Placeholders without a default that a deployment leaves unset: the service would not start. */
    public static List<String> missingRequired(String where, ServiceConfig service, Collection<String> names, Set<String> allowedAbsent) {
        List<String> problems = new ArrayList<>();
        for (String required : service.required()) {
            if (!names.contains(required) && !allowedAbsent.contains(required)) {
                problems.add(where + ": " + service.service() + " needs " + required + " (no default) but it is not set");
            }
        }
        return problems;
    }

    /** Placeholders of the services that an .env.example does not list. */
    public static List<String> undocumented(Collection<ServiceConfig> services, EnvExample example) {
        Set<String> missing = new TreeSet<>();
        for (ServiceConfig service : services) {
            service.placeholders().keySet().stream().filter(name -> !example.lists(name)).forEach(missing::add);
        }
        return missing.stream().map(name -> ".env.example: " + name + " is read by a service but not listed").toList();
    }
}
