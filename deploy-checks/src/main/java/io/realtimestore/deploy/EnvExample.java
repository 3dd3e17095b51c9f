package io.realtimestore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code .env.example}: entries {@code NAME=value} that compose passes on, and entries written {@code # NAME=value}
 * that are documented only (compose sets them itself). Every entry must have a comment line right above it.
 */
public record EnvExample(Map<String, String> active, Map<String, String> documented, List<String> problems) {

    private static final Pattern ACTIVE = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");
    private static final Pattern DOCUMENTED = Pattern.compile("#\\s*([A-Z][A-Z0-9_]*)=(.*)");

    public static EnvExample read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    public static EnvExample parse(List<String> lines) {
        Map<String, String> active = new LinkedHashMap<>();
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String previous = "";
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            Matcher a = ACTIVE.matcher(line);
            Matcher d = DOCUMENTED.matcher(line);
            Matcher entry = a.matches() ? a : d.matches() ? d : null;
            if (entry != null) {
                String name = entry.group(1);
                if (active.containsKey(name) || documented.containsKey(name)) {
                    problems.add("line " + number + ": " + name + " is listed twice");
                }
                (entry == a ? active : documented).put(name, entry.group(2).strip());
                if (!isDescription(previous)) {
                    problems.add("line " + number + ": " + name + " has no comment line right above it saying what it is");
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                problems.add("line " + number + ": not a NAME=value entry nor a comment: " + line);
            }
            previous = line;
        }
        return new EnvExample(Collections.unmodifiableMap(active), Collections.unmodifiableMap(documented), List.copyOf(problems));
    }

    private static boolean isDescription(String line) {
        return line.startsWith("#") && !line.startsWith("##") && !DOCUMENTED.matcher(line).matches()
                && line.substring(1).strip().length() > 3;
    }

    /** True when the file lists the variable, passed on or documented. */
    public boolean lists(String name) {
        return active.containsKey(name) || documented.containsKey(name);
    }
}
