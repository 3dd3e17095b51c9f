package io.realtimestore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile (continuation lines joined, comments dropped), and what the checks ask of them. */
public record Dockerfile(String name, List<Instruction> instructions) {

    public record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    public static Dockerfile read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file));
    }

    public static Dockerfile parse(String name, String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String joined = current.toString().strip();
            current.setLength(0);
            if (!joined.isEmpty()) {
                String[] parts = joined.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            }
        }
        return new Dockerfile(name, List.copyOf(instructions));
    }

    /** The instructions of the final stage (after the last FROM): what the image runs with. */
    public List<Instruction> finalStage() {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    private List<String> finalStage(String keyword) {
        return finalStage().stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The user the image runs as (the last USER of the final stage), or "root" when none is set. */
    public String user() {
        List<String> users = finalStage("USER");
        return users.isEmpty() ? "root" : users.get(users.size() - 1).strip();
    }

    public Set<Integer> exposedPorts() {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String expose : finalStage("EXPOSE")) {
            for (String port : expose.split("\\s+")) {
                ports.add(Integer.parseInt(port.replaceAll("/.*", "")));
            }
        }
        return ports;
    }

    /** The HEALTHCHECK's arguments (options and CMD), or null when the image has none. */
    public String healthcheck() {
        List<String> checks = finalStage("HEALTHCHECK");
        return checks.isEmpty() ? null : checks.get(checks.size() - 1);
    }

    /** Names the final stage sets with ENV (both "ENV A=1 B=2" and the old "ENV A 1" form). */
    public Set<String> environmentNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String env : finalStage("ENV")) {
            Matcher m = ENV_PAIR.matcher(env);
            boolean pairs = false;
            while (m.find()) {
                names.add(m.group(1));
                pairs = true;
            }
            if (!pairs) {
                names.add(env.split("\\s+", 2)[0]);
            }
        }
        return names;
    }

    /** Packages installed with apt-get install in the final stage. */
    public Set<String> aptPackages() {
        Set<String> packages = new LinkedHashSet<>();
        for (String run : finalStage("RUN")) {
            for (String command : run.split("&&|;")) {
                String[] words = command.strip().split("\\s+");
                int install = List.of(words).indexOf("install");
                if (install < 0 || List.of(words).stream().noneMatch(w -> w.equals("apt-get") || w.equals("apt"))) {
                    continue;
                }
                for (int i = install + 1; i < words.length; i++) {
                    if (!words[i].startsWith("-") && !words[i].isEmpty()) {
                        packages.add(words[i]);
                    }
                }
            }
        }
        return packages;
    }
}
