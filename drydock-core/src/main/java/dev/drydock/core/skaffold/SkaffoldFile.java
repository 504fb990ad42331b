package dev.drydock.core.skaffold;

import static dev.drydock.core.source.YamlNodes.get;
import static dev.drydock.core.source.YamlNodes.span;
import static dev.drydock.core.source.YamlNodes.strings;
import static dev.drydock.core.source.YamlNodes.text;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.source.YamlNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A skaffold.yaml read: its configurations of kind {@code Config} with a {@code skaffold/...} apiVersion, in the order
 * written. An artifact built by another builder than docker or kaniko (Jib, Buildpacks, Bazel, ko, a custom script)
 * builds no Dockerfile and is left out; so is one written in the pre-1.0 form ({@code imageName}, {@code workspace}).
 */
public record SkaffoldFile(String path, List<SkaffoldConfig> configs) {

    /** The names Skaffold looks for in the folder it runs in. */
    public static final Set<String> FILE_NAMES = Set.of("skaffold.yaml", "skaffold.yml");

    private static final Set<String> OTHER_BUILDERS = Set.of("jib", "jibMaven", "jibGradle", "bazel", "buildpacks",
            "buildpack", "ko", "custom");

    private static final Pattern ENV_TEMPLATE = Pattern.compile("\\{\\{\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    public SkaffoldFile {
        configs = List.copyOf(configs);
    }

    /** The file read once however many ask; a SourceException at the error when it is not YAML. */
    public static SkaffoldFile of(SourceFile file) {
        return file.syntax(SkaffoldFile.class, SkaffoldFile::read);
    }

    private static SkaffoldFile read(SourceFile file) {
        List<SkaffoldConfig> configs = new ArrayList<>();
        for (Node document : YamlNodes.documents(file)) {
            if (document instanceof MappingNode root && text(get(root, "apiVersion")) instanceof String version
                    && version.startsWith("skaffold/") && "Config".equals(text(get(root, "kind")))) {
                configs.add(config(file, root));
            }
        }
        return new SkaffoldFile(file.path(), configs);
    }

    private static SkaffoldConfig config(SourceFile file, MappingNode root) {
        List<SkaffoldConfig.Profile> profiles = new ArrayList<>();
        if (get(root, "profiles") instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof MappingNode profile) {
                    Node build = get(profile, "build");
                    profiles.add(new SkaffoldConfig.Profile(text(get(profile, "name")),
                            get(build, "artifacts") == null ? null : artifacts(file, build),
                            manifests(profile), kustomizations(profile)));
                }
            }
        }
        return new SkaffoldConfig(text(get(get(root, "metadata"), "name")), artifacts(file, get(root, "build")),
                manifests(root), kustomizations(root), profiles);
    }

    private static List<SkaffoldArtifact> artifacts(SourceFile file, Node build) {
        List<SkaffoldArtifact> out = new ArrayList<>();
        if (get(build, "artifacts") instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof MappingNode artifact) {
                    artifact(file, artifact).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static Optional<SkaffoldArtifact> artifact(SourceFile file, MappingNode artifact) {
        String image = text(get(artifact, "image"));
        if (image == null || OTHER_BUILDERS.stream().anyMatch(b -> get(artifact, b) != null)) {
            return Optional.empty();
        }
        Node kaniko = get(artifact, "kaniko");
        Node builder = kaniko != null ? kaniko : get(artifact, "docker");
        String context = text(get(artifact, "context"));
        String dockerfile = text(get(builder, "dockerfile"));
        List<SkaffoldArtifact.BuildArg> args = new ArrayList<>();
        if (get(builder, "buildArgs") instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && tuple.getValueNode() instanceof ScalarNode value) {
                    String written = value.getTag().getValue().endsWith(":null") ? null : value.getValue();
                    args.add(new SkaffoldArtifact.BuildArg(key.getValue(), shellForm(key.getValue(), written),
                            span(file, key, value)));
                }
            }
        }
        return Optional.of(new SkaffoldArtifact(image, context == null ? "." : context,
                dockerfile == null ? "Dockerfile" : dockerfile, text(get(builder, "target")), args, kaniko != null,
                span(file, artifact, artifact)));
    }

    /** A build argument's value with Skaffold's environment templates written as shell variables. */
    private static String shellForm(String name, String written) {
        if (written == null) {
            return "${" + name + "}"; // no value: Skaffold passes the variable of the same name
        }
        Matcher template = ENV_TEMPLATE.matcher(written);
        String value = template.replaceAll(m -> Matcher.quoteReplacement("${" + m.group(1) + "}"));
        return value.contains("{{") ? "$" + value : value;
    }

    /** The manifests kubectl deploys: {@code manifests.rawYaml} (v3 on) and {@code deploy.kubectl.manifests}. */
    private static List<String> manifests(Node config) {
        List<String> out = new ArrayList<>(strings(get(get(config, "manifests"), "rawYaml")));
        out.addAll(strings(get(get(get(config, "deploy"), "kubectl"), "manifests")));
        return out;
    }

    /** The kustomize folders: {@code paths} of {@code manifests.kustomize} or {@code deploy.kustomize}, {@code .} when unset. */
    private static List<String> kustomizations(Node config) {
        List<String> out = new ArrayList<>();
        for (Node kustomize : new Node[] {get(get(config, "manifests"), "kustomize"), get(get(config, "deploy"), "kustomize")}) {
            if (kustomize instanceof MappingNode map) {
                List<String> paths = strings(get(map, "paths"));
                String path = text(get(map, "path")); // before v2beta: one folder
                out.addAll(!paths.isEmpty() ? paths : List.of(path == null ? "." : path));
            }
        }
        return out;
    }
}
