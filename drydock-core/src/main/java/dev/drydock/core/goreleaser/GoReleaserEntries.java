package dev.drydock.core.goreleaser;

import static dev.drydock.core.source.YamlNodes.get;
import static dev.drydock.core.source.YamlNodes.span;
import static dev.drydock.core.source.YamlNodes.strings;
import static dev.drydock.core.source.YamlNodes.text;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One {@code dockers} or {@code dockers_v2} entry read into a {@link GoReleaserImage}. An entry whose Dockerfile is a
 * template file ({@code templated_dockerfile}) is left out: drydock does not render it.
 */
final class GoReleaserEntries {

    private static final List<String> V2_PLATFORMS = List.of("linux/amd64", "linux/arm64");

    private GoReleaserEntries() {}

    /**
     * A v1 entry: {@code image_templates}, the {@code build_flag_templates} passed to docker build (one flag an item,
     * {@code --label=KEY=VALUE} or the flag and its value as two items), {@code extra_files}, {@code skip_push}.
     */
    static Optional<GoReleaserImage> v1(SourceFile file, Node entry) {
        if (!(entry instanceof MappingNode) || get(entry, "templated_dockerfile") != null) {
            return Optional.empty();
        }
        Flags flags = Flags.read(file, get(entry, "build_flag_templates"));
        boolean pushed = !"true".equals(text(get(entry, "skip_push")));
        return Optional.of(new GoReleaserImage(dockerfile(entry), strings(get(entry, "image_templates")),
                flags.labels, flags.buildArgs, flags.target, strings(get(entry, "extra_files")), List.of(""), pushed,
                span(file, entry, entry)));
    }

    /**
     * A v2 entry: its {@code images} with each of its {@code tags}, {@code labels}, {@code build_args}, the
     * {@code flags} passed to docker buildx build, {@code extra_files} and {@code platforms}.
     */
    static Optional<GoReleaserImage> v2(SourceFile file, Node entry) {
        if (!(entry instanceof MappingNode) || get(entry, "templated_dockerfile") != null) {
            return Optional.empty();
        }
        List<String> tags = strings(get(entry, "tags"));
        List<String> names = new ArrayList<>();
        for (String image : strings(get(entry, "images"))) {
            for (String tag : tags.isEmpty() ? List.of("{{ .Tag }}") : tags) {
                names.add(image + ":" + tag);
            }
        }
        Flags flags = Flags.read(file, get(entry, "flags"));
        Map<String, String> labels = new LinkedHashMap<>(flags.labels);
        List<GoReleaserImage.BuildArg> args = new ArrayList<>(flags.buildArgs);
        for (NodeTuple tuple : pairs(get(entry, "labels"))) {
            labels.put(((ScalarNode) tuple.getKeyNode()).getValue().strip(), value(tuple));
        }
        for (NodeTuple tuple : pairs(get(entry, "build_args"))) {
            args.add(new GoReleaserImage.BuildArg(((ScalarNode) tuple.getKeyNode()).getValue().strip(), value(tuple),
                    span(file, tuple.getKeyNode(), tuple.getValueNode())));
        }
        List<String> platforms = strings(get(entry, "platforms"));
        return Optional.of(new GoReleaserImage(dockerfile(entry), names, labels, args, flags.target,
                strings(get(entry, "extra_files")), platforms.isEmpty() ? V2_PLATFORMS : platforms, true,
                span(file, entry, entry)));
    }

    private static String dockerfile(Node entry) {
        String dockerfile = text(get(entry, "dockerfile"));
        return dockerfile == null ? "Dockerfile" : dockerfile;
    }

    /** The key-value pairs of a mapping whose keys are scalars. */
    private static List<NodeTuple> pairs(Node node) {
        List<NodeTuple> out = new ArrayList<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !key.getValue().isBlank()) {
                    out.add(tuple);
                }
            }
        }
        return out;
    }

    private static String value(NodeTuple tuple) {
        return tuple.getValueNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    /** The labels, build arguments and target of a list of docker build flags. */
    private static final class Flags {

        final Map<String, String> labels = new LinkedHashMap<>();
        final List<GoReleaserImage.BuildArg> buildArgs = new ArrayList<>();
        String target;

        static Flags read(SourceFile file, Node node) {
            Flags flags = new Flags();
            List<Node> items = new ArrayList<>();
            List<String> words = new ArrayList<>();
            if (node instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    if (text(item) != null) {
                        items.add(item);
                        words.add(text(item));
                    }
                }
            } else if (text(node) != null) {
                for (String word : text(node).split("\\s+")) { // one string: GoReleaser splits it on blanks
                    items.add(node);
                    words.add(word);
                }
            }
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                int eq = word.indexOf('=');
                String flag = eq < 0 ? word : word.substring(0, eq);
                if (!flag.equals("--label") && !flag.equals("--build-arg") && !flag.equals("--target")) {
                    continue;
                }
                Node at = items.get(i);
                String value;
                if (eq >= 0) {
                    value = word.substring(eq + 1);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    continue;
                }
                flags.add(flag, value, file, at);
            }
            return flags;
        }

        private void add(String flag, String value, SourceFile file, Node at) {
            if (flag.equals("--target")) {
                target = value.strip();
                return;
            }
            int eq = value.indexOf('=');
            String key = (eq < 0 ? value : value.substring(0, eq)).strip();
            if (key.isEmpty()) {
                return;
            }
            if (flag.equals("--label")) {
                labels.put(key, eq < 0 ? "" : value.substring(eq + 1));
            } else {
                buildArgs.add(new GoReleaserImage.BuildArg(key, eq < 0 ? null : value.substring(eq + 1),
                        span(file, at, at)));
            }
        }
    }
}
