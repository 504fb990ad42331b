package dev.drydock.core.compose;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Structural validation of one compose file (after interpolation, as Compose validates) against
 * {@link SchemaTable}: unknown keys, values of the wrong type, missing required keys. Each problem is an
 * error diagnostic at the offending key or value; nothing is thrown. Values tagged {@code !reset} are
 * skipped (Compose removes them before validating).
 */
final class Validator {

    private static final Map<String, List<String>> SPLIT = new ConcurrentHashMap<>();

    private final Consumer<Diagnostic> diagnostics;

    Validator(Consumer<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    void validateRoot(Node root) {
        if (root == null || root.isNull()) {
            return;
        }
        if (!(root instanceof MapNode m)) {
            error(root.file(), root.span(), "Top-level object must be a mapping" + dockerfileText(root));
            return;
        }
        object(withoutVersion1Services(m), SchemaTable.OBJECTS.get("root"), "");
    }

    /** Instructions that open a Dockerfile: a compose file that starts with one holds a Dockerfile. */
    private static final java.util.regex.Pattern DOCKERFILE_START = java.util.regex.Pattern.compile(
            "(?i)(?:FROM|ARG)\\s+\\S.*", java.util.regex.Pattern.DOTALL);

    private static String dockerfileText(Node root) {
        return root instanceof ScalarNode s && s.value() != null && DOCKERFILE_START.matcher(s.value().strip()).matches()
                ? " (this file holds a Dockerfile, not a compose file: is it swapped with the Dockerfile?)" : "";
    }

    /**
     * The root without the services written at its top level, as in the version 1 file format (no
     * {@code services:} key): Compose v2 refuses each of them as an additional property of the root; one
     * error at the first says what the file is and what to change.
     */
    private MapNode withoutVersion1Services(MapNode root) {
        if (root.has("services")) {
            return root;
        }
        SchemaTable.ObjectType top = SchemaTable.OBJECTS.get("root");
        Map<String, String> serviceKeys = SchemaTable.OBJECTS.get("service").properties();
        Map<String, MapNode.Entry> kept = new java.util.LinkedHashMap<>();
        List<MapNode.Entry> services = new ArrayList<>();
        for (MapNode.Entry e : root.entries()) {
            boolean service = !top.properties().containsKey(e.name()) && !e.name().startsWith("x-")
                    && e.value() instanceof MapNode m && !m.keys().isEmpty()
                    && m.keys().stream().allMatch(serviceKeys::containsKey);
            if (service) {
                services.add(e);
            } else {
                kept.put(e.name(), e);
            }
        }
        if (services.isEmpty()) {
            return root;
        }
        List<String> names = services.stream().map(MapNode.Entry::name).toList();
        MapNode.Entry first = services.get(0);
        error(first.key().file(), first.key().span(), "the services (" + String.join(", ", names) + ") are written"
                + " at the top level, as in the version 1 file format, which Compose v2 no longer reads: it stops with"
                + " \"additional property " + first.name() + " is not allowed\"; put them under a `services:` key"
                + (services.stream().anyMatch(e -> ((MapNode) e.value()).has("links"))
                        ? " (links can go: services reach each other by name on the project's network)" : ""));
        return root.withEntries(kept);
    }

    private void object(MapNode m, SchemaTable.ObjectType type, String path) {
        for (MapNode.Entry e : m.entries()) {
            String key = e.name();
            String spec = type.properties().get(key);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (spec == null) {
                if (type.extensions() && key.startsWith("x-")) {
                    continue;
                }
                if (type.closed()) {
                    error(e.key().file(), e.key().span(),
                            (path.isEmpty() ? "" : path + ": ") + "additional property " + key + " is not allowed");
                }
                continue;
            }
            value(e.value(), spec, childPath);
        }
        for (String required : type.required()) {
            if (!m.has(required)) {
                error(m.file(), m.span(), (path.isEmpty() ? "" : path + ": ") + "missing required property \"" + required + "\"");
            }
        }
    }

    private void value(Node node, String spec, String path) {
        if ("!reset".equals(node.tag())) {
            return;
        }
        List<String> alternatives = alternatives(spec);
        for (String alt : alternatives) {
            if (alt.equals("any")) {
                return;
            }
            if (matchesOuter(node, alt)) {
                inner(node, alt, path);
                return;
            }
        }
        error(node.file(), node.span(), path + " must be " + describe(alternatives) + ", not " + article(node.typeName()));
    }

    private boolean matchesOuter(Node node, String alt) {
        return switch (alt.charAt(0)) {
            case 's' -> node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING;
            case 'n' -> node instanceof ScalarNode s && (s.kind() == ScalarNode.Kind.INTEGER || s.kind() == ScalarNode.Kind.FLOAT);
            case 'i' -> node instanceof ScalarNode s && (s.kind() == ScalarNode.Kind.INTEGER
                    || (s.kind() == ScalarNode.Kind.FLOAT && s.asDouble() != null && s.asDouble() == Math.rint(s.asDouble())));
            case 'b' -> node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN;
            case 'N' -> node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL;
            case 'o', 'm', '@' -> node instanceof MapNode;
            case 'a' -> node instanceof SeqNode;
            default -> false;
        };
    }

    private void inner(Node node, String alt, String path) {
        switch (alt.charAt(0)) {
            case 'a' -> {
                if (alt.length() > 1) {
                    String itemSpec = alt.substring(2, alt.length() - 1);
                    SeqNode seq = (SeqNode) node;
                    for (int i = 0; i < seq.size(); i++) {
                        value(seq.get(i), itemSpec, path + "." + i);
                    }
                }
            }
            case 'm' -> {
                String valueSpec = alt.substring(2, alt.length() - 1);
                for (MapNode.Entry e : ((MapNode) node).entries()) {
                    value(e.value(), valueSpec, path + "." + e.name());
                }
            }
            case '@' -> object((MapNode) node, SchemaTable.OBJECTS.get(alt.substring(1)), path);
            default -> { }
        }
    }

    /** Splits a spec at its top-level {@code |}. */
    static List<String> alternatives(String spec) {
        return SPLIT.computeIfAbsent(spec, s -> {
            List<String> out = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    out.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(s.substring(start));
            return List.copyOf(out);
        });
    }

    private static String describe(List<String> alternatives) {
        List<String> names = new ArrayList<>();
        for (String alt : alternatives) {
            String name = switch (alt.charAt(0)) {
                case 's' -> "a string";
                case 'n' -> "a number";
                case 'i' -> "an integer";
                case 'b' -> "a boolean";
                case 'N' -> "null";
                case 'a' -> "a list";
                default -> "a mapping";
            };
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return String.join(" or ", names);
    }

    private static String article(String typeName) {
        return switch (typeName) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "an integer";
            case "null" -> "null";
            default -> "a " + typeName;
        };
    }

    private void error(dev.drydock.core.source.SourceFile file, Span span, String message) {
        diagnostics.accept(Diagnostic.at(Diagnostic.Level.ERROR, file, span, message));
    }
}
