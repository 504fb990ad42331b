package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * JVM frameworks' configuration files ({@code application.properties}, {@code application.yml}) read into documents
 * of flattened, lower-cased keys ({@code server.servlet.context-path}), each key with its line. A YAML file's
 * documents are split at {@code ---}, a properties file's at a {@code #---} or {@code !---} line as Spring Boot
 * splits them; a YAML list is written both by index ({@code include[0]}) and joined with commas under its own key.
 */
public final class PropertyFiles {

    /** One document of a file: its keys with their values and lines, in the order written. */
    public record Document(String file, Map<String, String> values, Map<String, Integer> lines) {

        public Document {
            values = java.util.Collections.unmodifiableMap(values);
            lines = java.util.Collections.unmodifiableMap(lines);
        }
    }

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(20).build();
    private static final int MAX_DEPTH = 32;

    private PropertyFiles() {}

    /** The file's documents, in order, read once however many readers ask; none when it is YAML that cannot be read. */
    public static List<Document> documents(SourceFile f) {
        return f.syntax(Documents.class, file -> new Documents(file.path().endsWith(".properties")
                ? properties(file.path(), file.text()) : yaml(file.path(), file.text()))).all();
    }

    private record Documents(List<Document> all) {}

    /** The keys of the file's first document (frameworks that read no others). */
    static Document first(SourceFile f) {
        List<Document> docs = documents(f);
        return docs.isEmpty() ? new Document(f.path(), Map.of(), Map.of()) : docs.get(0);
    }

    /**
     * The keys of the first documents of the {@code application} files beside a build file ({@code src/main/resources},
     * {@code config/}, the folder itself), for frameworks whose configuration is read flat.
     */
    static Map<String, String> merged(String dir, SourceSet files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("application.properties", "application.yml", "application.yaml")) {
            for (String folder : List.of("src/main/resources", "config", "")) {
                files.read(PathNames.join(PathNames.join(dir, folder), name)).ifPresent(f -> out.putAll(first(f).values()));
            }
        }
        return out;
    }

    private static List<Document> properties(String path, String text) {
        List<Document> out = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        int number = 0;
        for (String raw : text.split("\\R")) {
            number++;
            String line = raw.strip();
            if (line.equals("#---") || line.equals("!---")) {
                out.add(new Document(path, values, lines));
                values = new LinkedHashMap<>();
                lines = new LinkedHashMap<>();
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq > 0) {
                String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                values.put(key, line.substring(eq + 1).strip());
                lines.put(key, number);
            }
        }
        out.add(new Document(path, values, lines));
        return out;
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static List<Document> yaml(String path, String text) {
        List<Document> out = new ArrayList<>();
        try {
            // Maven's resource filtering writes @project.version@, which YAML reserves: read it as a string
            String readable = text.replaceAll("(?m)(:\\s+)(@[^@\\s]+@)\\s*$", "$1'$2'");
            for (Node node : new Compose(SETTINGS).composeAllFromString(readable)) {
                Map<String, String> values = new LinkedHashMap<>();
                Map<String, Integer> lines = new LinkedHashMap<>();
                flatten(node, "", 0, values, lines, 0);
                out.add(new Document(path, values, lines));
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    private static void flatten(Node node, String prefix, int line, Map<String, String> values,
            Map<String, Integer> lines, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String name = key.getValue().strip().toLowerCase(Locale.ROOT);
                int at = key.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                flatten(tuple.getValueNode(), prefix.isEmpty() ? name : prefix + "." + name, at, values, lines,
                        depth + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<String> items = new ArrayList<>();
            List<Node> nodes = sequence.getValue();
            for (int i = 0; i < nodes.size(); i++) {
                Node item = nodes.get(i);
                if (item instanceof ScalarNode s) {
                    items.add(s.getValue().strip());
                }
                flatten(item, prefix + "[" + i + "]", line, values, lines, depth + 1);
            }
            if (!prefix.isEmpty() && items.size() == nodes.size()) {
                values.put(prefix, String.join(",", items));
                lines.put(prefix, line);
            }
        } else if (node instanceof ScalarNode scalar && !prefix.isEmpty() && !Tag.NULL.equals(scalar.getTag())) {
            values.put(prefix, scalar.getValue().strip());
            lines.put(prefix, line);
        }
    }
}
