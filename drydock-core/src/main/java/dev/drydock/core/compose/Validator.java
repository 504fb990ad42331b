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
            error(root.file(), root.span(), "Top-level object must be a mapping");
            return;
        }
        object(m, SchemaTable.OBJECTS.get("root"), "");
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
