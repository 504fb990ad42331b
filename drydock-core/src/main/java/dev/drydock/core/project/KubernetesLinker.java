package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.kubernetes.Kustomizations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Links the containers of Kubernetes workloads to the Dockerfiles that build their images: the image a compose
 * service builds under that name, or a CI or task file tags a build with ({@link PublishedImages}); else, where the
 * names leave no doubt, the last segment of the image's repository ({@code ghcr.io/acme/api:1.4} is {@code api}):
 * the folder of the Dockerfile's build context, the name in {@code Dockerfile.api} or {@code api.Dockerfile}, the
 * last segment of a compose service's image, or the project folder's name when the project has one Dockerfile. A
 * name that fits several Dockerfiles links none. The image is the one kustomize writes: a manifest that kustomizations
 * list runs the images their {@code images:} transformers make of it, and links when those lead to one Dockerfile.
 */
final class KubernetesLinker {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private KubernetesLinker() {}

    static List<KubeWorkload> link(List<KubeWorkload> workloads, List<Container> containers,
            List<DeclaredBuild> declared, String projectFolder, Kustomizations kustomizations) {
        if (workloads.isEmpty()) {
            return workloads;
        }
        PublishedImages published = new PublishedImages();
        Map<String, Set<String>> names = new LinkedHashMap<>(); // Dockerfile -> the image names that may be its
        for (Container c : containers) {
            BuildLink build = c.build();
            if (build == null || build.model() == null) {
                continue;
            }
            Set<String> own = names.computeIfAbsent(build.dockerfile(), d -> new HashSet<>());
            if (c.image() != null) {
                published.built(c.image(), build);
                add(own, lastSegment(c.image()));
            }
            if (!build.context().isEmpty()) {
                add(own, PathNames.fileName(build.context()).toLowerCase(Locale.ROOT));
            }
            add(own, suffixName(PathNames.fileName(build.dockerfile())));
        }
        if (names.size() == 1 && projectFolder != null) {
            add(names.values().iterator().next(), projectFolder.toLowerCase(Locale.ROOT));
        }
        List<KubeWorkload> linked = new ArrayList<>();
        for (KubeWorkload w : workloads) {
            List<KubeContainer> cs = w.containers().stream()
                    .map(k -> k.image() == null ? k : k.linkedTo(only(kustomizations.images(w.file(), k.image()).stream()
                            .map(image -> dockerfile(image, published, declared, names)).filter(d -> d != null)
                            .distinct().toList())))
                    .toList();
            linked.add(w.withContainers(cs));
        }
        return linked;
    }

    /** The one Dockerfile the images of a container link to, else null (none, or several). */
    private static String only(List<String> dockerfiles) {
        return dockerfiles.size() == 1 ? dockerfiles.get(0) : null;
    }

    private static String dockerfile(String image, PublishedImages published, List<DeclaredBuild> declared,
            Map<String, Set<String>> names) {
        BuildLink built = published.builtBy(image);
        if (built != null) {
            return built.dockerfile();
        }
        DeclaredBuild tagged = published.declared(image, declared);
        if (tagged != null) {
            return tagged.dockerfile();
        }
        String segment = lastSegment(image);
        if (segment == null) {
            return null;
        }
        List<String> matching = names.entrySet().stream().filter(e -> e.getValue().contains(segment))
                .map(Map.Entry::getKey).toList();
        return matching.size() == 1 ? matching.get(0) : null;
    }

    /** {@code api} for {@code ghcr.io/acme/api:1.4}; null for a name with a variable or placeholder in it. */
    static String lastSegment(String image) {
        String name = image.strip();
        int at = name.indexOf('@');
        name = at >= 0 ? name.substring(0, at) : name;
        int slash = name.lastIndexOf('/');
        int colon = name.indexOf(':', slash + 1);
        String segment = (colon >= 0 ? name.substring(0, colon) : name).substring(slash + 1).toLowerCase(Locale.ROOT);
        return SEGMENT.matcher(segment).matches() ? segment : null;
    }

    /** {@code api} for {@code Dockerfile.api}, {@code Dockerfile-api} or {@code api.Dockerfile}; null otherwise. */
    private static String suffixName(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dockerfile") && lower.length() > "dockerfile.".length()) {
            return lower.substring("dockerfile.".length());
        }
        if (lower.endsWith(".dockerfile") && lower.length() > ".dockerfile".length()) {
            return lower.substring(0, lower.length() - ".dockerfile".length());
        }
        return null;
    }

    private static void add(Set<String> names, String name) {
        if (name != null && SEGMENT.matcher(name).matches()) {
            names.add(name);
        }
    }
}
