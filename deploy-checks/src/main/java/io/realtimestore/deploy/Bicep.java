package io.realtimestore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A textual reading of Bicep (there is no Bicep compiler here): brace-matched blocks, {@code var} values, and the
 * container apps declared as calls of {@code modules/container-app.bicep}. Comments are removed before reading.
 */
public record Bicep(String text) {

    /** A container app as main.bicep/resources.bicep declares it. {@code env} maps each name to its literal value
     *  (the Bicep expression as written) or to "secretRef:NAME". */
    public record ContainerApp(String name, Integer targetPort, Boolean external, Map<String, String> env, List<String> secretNames) {
    }

    private static final Pattern MODULE = Pattern.compile("module\\s+\\w+\\s+'([^']+)'\\s*=\\s*\\{");
    private static final Pattern ENV_ENTRY = Pattern.compile(
            "\\{\\s*name:\\s*'([A-Za-z_][A-Za-z0-9_]*)'\\s*,?\\s*(value|secretRef):\\s*((?:'(?:[^'\\\\]|\\\\.)*'|[^}\\n])*?)\\s*}");

    public static Bicep read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static Bicep parse(String text) {
        return new Bicep(withoutComments(text));
    }

    /** Removes // line comments and block comments, leaving string literals alone. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '\'') {
                    inString = false;
                }
            } else if (c == '\'') {
                inString = true;
                out.append(c);
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text from an opening bracket to its matching closing bracket (inclusive), skipping string literals. */
    static String balanced(String text, int open) {
        char opening = text.charAt(open);
        char closing = opening == '{' ? '}' : opening == '[' ? ']' : ')';
        int[] depth = {0};
        int[] close = {-1};
        outsideStrings(text, open, text.length(), i -> {
            char c = text.charAt(i);
            if (c == opening) {
                depth[0]++;
            } else if (c == closing && --depth[0] == 0) {
                close[0] = i;
                return false;
            }
            return true;
        });
        if (close[0] < 0) {
            throw new IllegalArgumentException("unbalanced " + opening + " at offset " + open);
        }
        return text.substring(open, close[0] + 1);
    }

    /** Visits the positions from {@code from} to {@code to} that are outside string literals, until the visitor says stop. */
    private static void outsideStrings(String text, int from, int to, IntPredicate visitor) {
        boolean inString = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    inString = false;
                }
            } else if (c == '\'') {
                inString = true;
            } else if (!visitor.test(i)) {
                return;
            }
        }
    }

    /** The expression a {@code var} is set to (a string literal's content, or the bracketed array or object). */
    public Optional<String> variable(String name) {
        Matcher m = Pattern.compile("(?m)^\\s*var\\s+" + Pattern.quote(name) + "\\s*=\\s*").matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int start = m.end();
        char first = text.charAt(start);
        if (first == '[' || first == '{') {
            return Optional.of(balanced(text, start));
        }
        int end = text.indexOf('\n', start);
        String value = text.substring(start, end < 0 ? text.length() : end).strip();
        return Optional.of(value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value);
    }

    /** Every call of the given module file, e.g. "modules/container-app.bicep", read as a container app. */
    public List<ContainerApp> containerApps(String moduleFile) {
        List<ContainerApp> apps = new ArrayList<>();
        Matcher m = MODULE.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(moduleFile)) {
                continue;
            }
            String block = balanced(text, m.end() - 1);
            String params = Optional.ofNullable(property(block, "params")).orElse(block);
            apps.add(new ContainerApp(stringProperty(params, "name"), intProperty(params, "targetPort"),
                    booleanProperty(params, "external"), environment(params), secretNames(params)));
        }
        return apps;
    }

    private Map<String, String> environment(String params) {
        Map<String, String> env = new LinkedHashMap<>();
        String expression = property(params, "env");
        if (expression == null) {
            return env;
        }
        // concat(sharedVar, otherVar, [ … ]): shared arrays are vars of the same file.
        Matcher identifiers = Pattern.compile("\\b([a-z][A-Za-z0-9]*)\\b(?=\\s*[,)])").matcher(expression.replaceAll("'[^']*'", "''"));
        while (identifiers.find()) {
            variable(identifiers.group(1)).ifPresent(array -> env.putAll(entries(array)));
        }
        env.putAll(entries(expression));
        return env;
    }

    private static Map<String, String> entries(String array) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV_ENTRY.matcher(array);
        while (m.find()) {
            env.put(m.group(1), m.group(2).equals("secretRef") ? "secretRef:" + unquote(m.group(3)) : m.group(3).strip());
        }
        return env;
    }

    private static List<String> secretNames(String params) {
        String secrets = property(params, "secrets");
        List<String> names = new ArrayList<>();
        if (secrets != null) {
            Matcher m = Pattern.compile("name:\\s*'([^']+)'").matcher(secrets);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The value of {@code key:} at the top level of an object block: a bracketed value in full, else the rest of the line. */
    static String property(String block, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*").matcher(block);
        while (m.find()) {
            if (depthAt(block, m.start()) != 1) {
                continue;
            }
            int start = m.end();
            int bracket = firstBracket(block, start);
            if (bracket >= 0) {
                return block.substring(start, bracket) + balanced(block, bracket);
            }
            int end = block.indexOf('\n', start);
            return block.substring(start, end < 0 ? block.length() : end).strip();
        }
        return null;
    }

    /** The first bracket of a value that opens one before its line ends, e.g. "concat(a, [" or "[". */
    private static int firstBracket(String block, int start) {
        int end = block.indexOf('\n', start);
        String line = block.substring(start, end < 0 ? block.length() : end);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                return -1;
            }
            if (c == '[' || c == '{' || c == '(') {
                return start + i;
            }
        }
        return -1;
    }

    private static int depthAt(String block, int position) {
        int[] depth = {0};
        outsideStrings(block, 0, position, i -> {
            char c = block.charAt(i);
            if (c == '{' || c == '[' || c == '(') {
                depth[0]++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth[0]--;
            }
            return true;
        });
        return depth[0];
    }

    private static String stringProperty(String block, String key) {
        String value = property(block, key);
        return value == null ? null : unquote(value);
    }

    private static Integer intProperty(String block, String key) {
        String value = property(block, key);
        return value == null || !value.matches("\\d+") ? null : Integer.valueOf(value);
    }

    private static Boolean booleanProperty(String block, String key) {
        String value = property(block, key);
        return value == null || !value.matches("true|false") ? null : Boolean.valueOf(value);
    }

    static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }
}
