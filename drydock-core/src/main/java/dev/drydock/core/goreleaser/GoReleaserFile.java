package dev.drydock.core.goreleaser;

import static dev.drydock.core.source.YamlNodes.get;
import static dev.drydock.core.source.YamlNodes.items;
import static dev.drydock.core.source.YamlNodes.strings;
import static dev.drydock.core.source.YamlNodes.text;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.YamlNodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A GoReleaser configuration read: what its Docker images need to be reviewed as GoReleaser builds them. Values are
 * as written; {@link GoReleaserTemplates} fills in what the file itself tells.
 *
 * @param path the file's path, relative to the project root
 * @param projectName {@code project_name}, else the repository name {@code release} gives; null when GoReleaser
 *     guesses it (from go.mod or the git remote)
 * @param env the variables the top-level {@code env} list sets, which {@code {{ .Env.NAME }}} reads
 * @param binaries the binary names of its {@code builds} ({@code {{ .ProjectName }}} for a build that sets none, or
 *     when there is no {@code builds} list)
 * @param images the images of its {@code dockers} and {@code dockers_v2} entries, in the order written
 */
public record GoReleaserFile(String path, String projectName, Map<String, String> env, List<String> binaries,
        List<GoReleaserImage> images) {

    private static final String DEFAULT_BINARY = "{{ .ProjectName }}";

    public GoReleaserFile {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        binaries = List.copyOf(binaries);
        images = List.copyOf(images);
    }

    /** The file read once however many ask; a SourceException at the error when it is not YAML. */
    public static GoReleaserFile of(SourceFile file) {
        return file.syntax(GoReleaserFile.class, GoReleaserFile::read);
    }

    private static GoReleaserFile read(SourceFile file) {
        List<Node> documents = YamlNodes.documents(file);
        Node root = documents.isEmpty() ? null : documents.get(0);
        if (!(root instanceof MappingNode)) {
            return new GoReleaserFile(file.path(), null, Map.of(), List.of(), List.of());
        }
        List<GoReleaserImage> images = new ArrayList<>();
        for (Node entry : items(get(root, "dockers"))) {
            GoReleaserEntries.v1(file, entry).ifPresent(images::add);
        }
        for (Node entry : items(get(root, "dockers_v2"))) {
            GoReleaserEntries.v2(file, entry).ifPresent(images::add);
        }
        return new GoReleaserFile(file.path(), projectName(root), env(root), binaries(root), images);
    }

    private static String projectName(Node root) {
        String name = text(get(root, "project_name"));
        Node release = get(root, "release");
        for (String host : List.of("github", "gitlab", "gitea")) {
            name = name != null ? name : text(get(get(release, host), "name"));
        }
        return name;
    }

    private static Map<String, String> env(Node root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : strings(get(root, "env"))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                out.put(entry.substring(0, eq).strip(), entry.substring(eq + 1));
            }
        }
        return out;
    }

    private static List<String> binaries(Node root) {
        List<String> out = new ArrayList<>();
        for (Node build : items(get(root, "builds"))) {
            String binary = text(get(build, "binary"));
            out.add(binary == null ? DEFAULT_BINARY : binary);
        }
        return out.isEmpty() ? List.of(DEFAULT_BINARY) : out;
    }
}
