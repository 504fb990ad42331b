package dev.drydock.core.project;

import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Narrows the dependency manifests of a build context that holds several projects (a monorepo built from its root,
 * {@code src/cart/go.mod} beside {@code src/shop/requirements.txt}) to those a COPY or ADD of the Dockerfile takes
 * from the context: the image of one service holds that service's manifest, not its neighbours'. A context whose
 * manifests all sit in one folder, a COPY or mount the path of which drydock cannot tell (a variable left, a bind
 * mount of the whole context) and a Dockerfile that copies nothing from the context keep every manifest. A bind mount
 * of a path of the context ({@code RUN --mount=type=bind,source=src/cart/go.mod,target=go.mod}) takes it as a COPY
 * does. A Dockerfile that copies Python sources from the context ({@code COPY frontend.py .}) but none of its Python
 * manifests (a requirements.txt another Dockerfile installs) keeps none of those: the image cannot have installed
 * from them. Manifests of compiled or bundled applications stay, whose artifact (a jar, a binary, dist/) the image
 * takes instead of the manifest.
 */
final class CopiedManifests {

    private static final Pattern CONTEXT_BIND_MOUNT = Pattern.compile(
            "--mount=(?![^\\s]*\\btype=(?:cache|secret|ssh|tmpfs)\\b)(?![^\\s]*\\bfrom=)[^\\s]*");

    /** The context path a bind mount takes: source= (or src=), up to the next option. */
    private static final Pattern MOUNT_SOURCE = Pattern.compile("[-=,](?:source|src)=([^,\\s]+)");

    private CopiedManifests() {}

    /**
     * The manifests of {@code found} (context-relative path, manifest) that the Dockerfile copies in, or all of them.
     */
    static List<Manifest> narrow(DockerfileModel model, List<String> contextPaths, List<Manifest> found,
            Predicate<String> holdsPythonSource) {
        if (model == null || found.isEmpty()) {
            return found;
        }
        boolean severalProjects = found.size() >= 2
                && contextPaths.stream().map(PathNames::parent).distinct().count() >= 2;
        List<String> sources = new ArrayList<>();
        for (Stage stage : model.stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (!copy.fromContext()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    if (source.contains("://") || source.startsWith("git@")
                            || copy.heredocs().stream().anyMatch(h -> h.name().equals(source))) {
                        continue;
                    }
                    String n = PathNames.normalizeRelative(source);
                    if (n == null || n.isEmpty() || n.indexOf('$') >= 0) {
                        return found; // the whole context, or a path drydock cannot tell
                    }
                    sources.add(n);
                }
            }
        }
        Matcher mount = CONTEXT_BIND_MOUNT.matcher(model.syntax().file().text());
        while (mount.find()) {
            Matcher source = MOUNT_SOURCE.matcher(mount.group());
            String n = source.find() ? PathNames.normalizeRelative(source.group(1)) : null;
            if (n == null || n.isEmpty() || n.indexOf('$') >= 0) {
                return found; // the whole context, or a path drydock cannot tell
            }
            sources.add(n);
        }
        List<Manifest> copied = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            String path = contextPaths.get(i);
            if (sources.stream().anyMatch(s -> PathGlobs.covers(s, path))) {
                copied.add(found.get(i));
            }
        }
        if (copied.isEmpty()) {
            return sources.stream().anyMatch(holdsPythonSource)
                    ? found.stream().filter(m -> m.ecosystem() != Ecosystem.PYPI).toList()
                    : found;
        }
        return severalProjects ? copied : found;
    }
}
