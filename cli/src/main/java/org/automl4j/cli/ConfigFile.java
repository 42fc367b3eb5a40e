package org.automl4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config run.yaml}: option values from a file, with the same names as the flags (without the
 * dashes). Values on the command line win. The file is a small subset of YAML: {@code name: value}
 * lines, {@code #} comments, quoted strings, flow lists ({@code [a, b]} for options that take several
 * values), and one level of sections named after a command whose keys apply to that command only:
 * <pre>
 * storage: sqlite:runs/studies.db      # every command
 * fit:
 *   time: 5m
 *   learners: [lightgbm, extra_trees]
 * </pre>
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    private final Path file;
    private final Map<String, String> global;
    private final Map<String, Map<String, String>> sections;
    /** The line of each key ("name" for a global one, "section.name" for one in a section, "section" itself). */
    private final Map<String, Integer> lineOf;

    private ConfigFile(Path file, Map<String, String> global, Map<String, Map<String, String>> sections,
            Map<String, Integer> lineOf) {
        this.file = file;
        this.global = global;
        this.sections = sections;
        this.lineOf = lineOf;
    }

    /** Reads {@code file}; errors name the line. */
    static ConfigFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no --config file at " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --config file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        Map<String, String> current = null;
        String currentName = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = stripComment(lines.get(i));
            if (raw.isBlank()) {
                continue;
            }
            boolean indented = Character.isWhitespace(raw.charAt(0));
            String line = raw.strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'name: value', got '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (value.startsWith("[") && !value.endsWith("]")) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": the list '" + value + "' has no"
                        + " closing ']'; write lists as [a, b] on one line");
            }
            if (!indented) {
                if (value.isEmpty()) {
                    current = new LinkedHashMap<>();
                    currentName = key;
                    sections.put(key, current);
                    lineOf.put(key, i + 1);
                } else {
                    current = null;
                    global.put(key, scalar(value));
                    lineOf.put(key, i + 1);
                }
            } else {
                if (current == null) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": an indented line must follow a"
                            + " section line such as 'fit:'");
                }
                current.put(key, scalar(value));
                lineOf.put(currentName + "." + key, i + 1);
            }
        }
        return new ConfigFile(file, global, sections, lineOf);
    }

    /**
     * Refuses a section that names no command of {@code cl} and a key that names no option (of that
     * command, or of any command for a key outside sections): a misspelt key would otherwise be ignored.
     */
    void check(CommandLine cl) {
        Map<String, java.util.Set<String>> optionsByCommand = new LinkedHashMap<>();
        collect(cl, optionsByCommand);
        java.util.Set<String> every = new java.util.TreeSet<>();
        optionsByCommand.values().forEach(every::addAll);
        for (String key : global.keySet()) {
            if (!every.contains(key)) {
                throw unknown(lineOf.get(key), "'" + key + "' is not an option of any command", key, every);
            }
        }
        for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
            java.util.Set<String> options = optionsByCommand.get(section.getKey());
            if (options == null) {
                throw unknown(lineOf.get(section.getKey()), "'" + section.getKey() + ":' names no command",
                        section.getKey(), optionsByCommand.keySet());
            }
            for (String key : section.getValue().keySet()) {
                if (!options.contains(key)) {
                    throw unknown(lineOf.get(section.getKey() + "." + key), "'" + key + "' is not an option of "
                            + section.getKey(), key, options);
                }
            }
        }
    }

    private IllegalArgumentException unknown(Integer line, String what, String name, java.util.Collection<String> known) {
        String near = null;
        int best = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < best) {
                best = d;
                near = k;
            }
        }
        return new IllegalArgumentException(file + " line " + line + ": " + what
                + (near != null && best <= Math.max(2, name.length() / 3) ? "; did you mean '" + near + "'?"
                : "; the names are " + new java.util.TreeSet<>(known)));
    }

    private static void collect(CommandLine cl, Map<String, java.util.Set<String>> out) {
        java.util.Set<String> names = out.computeIfAbsent(cl.getCommandName(), k -> new java.util.TreeSet<>());
        for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    names.add(n.substring(2));
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    /** Levenshtein distance, for the suggestion. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String scalar(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[") && v.endsWith("]")) {
            List<String> items = new ArrayList<>();
            for (String s : v.substring(1, v.length() - 1).split(",")) {
                if (!s.isBlank()) {
                    items.add(scalar(s.strip()));
                }
            }
            return String.join(",", items);
        }
        return v;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o) || o.command() == null) {
            return null;
        }
        String name = o.longestName().replaceFirst("^-+", "");
        Map<String, String> section = sections.get(o.command().name());
        if (section != null && section.containsKey(name)) {
            return section.get(name);
        }
        return global.get(name);
    }

    /**
     * Removes {@code --config FILE} (or {@code --config=FILE}) from {@code args} and installs the file's
     * values as defaults of {@code cl}'s commands.
     */
    static String[] apply(CommandLine cl, String[] args) {
        List<String> rest = new ArrayList<>();
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file");
                }
                config = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                config = Path.of(args[i].substring("--config=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        if (config != null) {
            ConfigFile values = read(config);
            values.check(cl);
            cl.setDefaultValueProvider(values);
        }
        return rest.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "ConfigFile[" + file + "]";
    }
}
