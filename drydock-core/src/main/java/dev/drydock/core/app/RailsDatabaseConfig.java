package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The primary database of one environment in a Rails application's config/database.yml, as Rails reads it: ERB first
 * (the {@code <%= %>} tags drydock evaluates are reads of the environment, {@code ENV["X"]}, {@code ENV.fetch("X")},
 * with a default as {@code ENV.fetch("X") { "d" }}, {@code ENV.fetch("X", "d")} or {@code ENV["X"] || "d"}), then
 * YAML with its merge keys ({@code <<: *default}). An environment whose every value is a mapping holds several
 * databases (Rails 6's three-tier form, Rails 8's primary, cache, queue and cable): the primary one is the entry named
 * primary, else the first. A file with other ERB code ({@code <% if %>}) is not read.
 */
public final class RailsDatabaseConfig {

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(50).build();
    private static final Pattern TAG = Pattern.compile("<%(=|#|-)?(.*?)-?%>", Pattern.DOTALL);
    private static final String STRING = "(?:\"([^\"\\\\]*)\"|'([^'\\\\]*)')";
    private static final String DEFAULT = "(?:\"([^\"\\\\]*)\"|'([^'\\\\]*)'|(\\d+)|nil)";
    /** ENV["X"], ENV.fetch("X"), ENV.fetch("X", d), ENV.fetch("X") { d }, ENV.fetch("X", nil) || d, ENV["X"] || d. */
    private static final Pattern READ = Pattern.compile("^\\s*ENV(?:\\[\\s*" + STRING + "\\s*]|\\.fetch\\(\\s*" + STRING
            + "\\s*(?:,\\s*" + DEFAULT + "\\s*)?\\)(?:\\s*\\{\\s*" + DEFAULT + "\\s*})?)(?:\\s*\\|\\|\\s*" + DEFAULT
            + ")?\\s*$");

    /** What the container's environment gives a variable. */
    public interface Environment {

        /** The value the container gets, null when it is unset. */
        String value(String name);

        /** Whether the container may get a value drydock cannot read. */
        boolean hidden(String name);
    }

    /**
     * A value of the configuration: {@code text} after ERB, null when drydock cannot evaluate it; {@code line} of its
     * key; {@code erb} the reads of the environment that gave it, in words (empty for plain text).
     */
    public record Value(String text, int line, String erb) {}

    /**
     * The primary database of the environment.
     *
     * @param name its name (primary for a single database)
     * @param adapter its adapter, or null
     * @param database its database (for SQLite the file, relative to the application's root), or null
     * @param url its url key, or null
     * @param line the line of the entry's key
     */
    public record Primary(String name, Value adapter, Value database, Value url, int line) {}

    private RailsDatabaseConfig() {}

    /** The primary database {@code environment} has; empty when the file does not say (unknown ERB, no such entry). */
    public static Optional<Primary> primary(SourceFile yml, String environment, Environment env) {
        Map<Integer, List<String>> reads = new HashMap<>();
        String text = erb(yml.text(), env, reads);
        if (text == null) {
            return Optional.empty();
        }
        Node root;
        try {
            root = new Compose(SETTINGS).composeString(text).orElse(null);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Map<String, Node> top = merged(root);
        if (top.containsKey("shared")) {
            return Optional.empty(); // merged into every environment; rare enough to leave alone
        }
        Node entry = top.get(environment);
        Map<String, Node> config = merged(entry);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        String name = "primary";
        int line = line(entry);
        if (config.values().stream().allMatch(v -> v instanceof MappingNode)) {
            name = config.containsKey("primary") ? "primary" : config.keySet().iterator().next();
            line = line(config.get(name));
            config = merged(config.get(name));
        }
        return Optional.of(new Primary(name, value(config, "adapter", reads), value(config, "database", reads),
                value(config, "url", reads), line));
    }

    private static Value value(Map<String, Node> config, String key, Map<Integer, List<String>> reads) {
        Node node = config.get(key);
        if (!(node instanceof ScalarNode scalar)) {
            return node == null ? null : new Value(null, line(node), "");
        }
        int line = line(node);
        String v = scalar.getValue();
        return new Value(v.contains("<%") ? null : v, line, String.join(", ", reads.getOrDefault(line, List.of())));
    }

    /** The text with each output tag replaced by its value, or null when a tag is code drydock does not evaluate. */
    private static String erb(String text, Environment env, Map<Integer, List<String>> reads) {
        StringBuilder out = new StringBuilder();
        Matcher tag = TAG.matcher(text);
        int at = 0;
        while (tag.find()) {
            out.append(text, at, tag.start());
            at = tag.end();
            String kind = tag.group(1);
            if ("#".equals(kind)) {
                continue;
            }
            if (!"=".equals(kind)) {
                return null;
            }
            int line = 1 + (int) text.substring(0, tag.start()).chars().filter(c -> c == '\n').count();
            String value = read(tag.group(2), env, reads.computeIfAbsent(line, l -> new ArrayList<>()));
            out.append(value == null || value.contains("\n") ? tag.group() : value);
        }
        out.append(text.substring(at));
        return out.toString();
    }

    /** The value of one {@code <%= %>} expression, or null when it is not a read of the environment drydock knows. */
    private static String read(String expr, Environment env, List<String> reads) {
        Matcher m = READ.matcher(expr);
        if (!m.matches()) {
            return null;
        }
        String variable = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                : m.group(3) != null ? m.group(3) : m.group(4);
        boolean fetch = m.group(3) != null || m.group(4) != null;
        String fallback = first(m, 5, 8, 11);
        if (env.hidden(variable)) {
            return null;
        }
        String set = env.value(variable);
        if (set != null) {
            reads.add(variable + " set to " + set);
            return set;
        }
        if (fallback != null) {
            reads.add("the default of " + variable + ", which is not set");
            return fallback;
        }
        // a nil default, or ENV["X"] unset, prints nothing; ENV.fetch("X") without a default raises KeyError
        boolean nil = expr.matches("(?s).*(,\\s*nil\\s*\\)|\\{\\s*nil\\s*}|\\|\\|\\s*nil).*");
        return fetch && !nil ? null : "";
    }

    /** The first default the pattern matched in the groups from each index (a string, another string, a number). */
    private static String first(Matcher m, int... starts) {
        for (int start : starts) {
            for (int g = start; g < start + 3; g++) {
                if (m.group(g) != null) {
                    return m.group(g);
                }
            }
        }
        return null;
    }

    /** The node as a mapping with its merge keys' entries under its own, as Ruby's YAML reads it. */
    private static Map<String, Node> merged(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            return out;
        }
        List<Node> bases = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                if (k.getValue().equals("<<")) {
                    if (t.getValueNode() instanceof SequenceNode list) {
                        bases.addAll(list.getValue());
                    } else {
                        bases.add(t.getValueNode());
                    }
                } else {
                    out.put(k.getValue(), t.getValueNode());
                }
            }
        }
        for (Node base : bases) {
            merged(base).forEach(out::putIfAbsent);
        }
        return out;
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
