package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.PublishersImages;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.kubernetes.Kustomizations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Links the containers of Kubernetes workloads to the Dockerfiles that build their images, and to the stage the image
 * is built up to. The image a compose service builds under that name, or a CI or task file tags a build with
 * ({@link PublishedImages}); else, where the names leave no doubt, the last segment of the image's repository
 * ({@code ghcr.io/acme/api:1.4} is {@code api}): the folder of the Dockerfile's build context, the name in
 * {@code Dockerfile.api} or {@code api.Dockerfile}, the last segment of a compose service's image, or the project
 * folder's name when the project has one Dockerfile; with one Dockerfile, also the one local name the manifests run
 * that no registry has and nothing else links ({@code sit737-app}: no registry, no owner, no official image). A name
 * that fits several Dockerfiles links none; so does a name
 * under another registry and owner than every name the project's compose and CI files give their builds. A
 * publisher's image ({@link PublishersImages}: {@code redis:7}, {@code bitnami/postgresql}) links nothing: the cluster
 * pulls the publisher's. The image is the one kustomize writes: a manifest that kustomizations list runs the images
 * their {@code images:} transformers make of it, and links when those lead to one Dockerfile.
 */
final class KubernetesLinker {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final PublishedImages published = new PublishedImages();
    private final Map<String, Set<String>> names = new LinkedHashMap<>(); // Dockerfile -> the image names that may be its
    private final Map<String, DockerfileModel> models = new HashMap<>();
    private final Set<String> owners = new HashSet<>(); // registry and owner of the names the project builds
    private boolean ownersKnown = true; // false when a name is written with a variable there
    private final List<DeclaredBuild> declared;
    private final Function<String, DeclaredBuild> ownBuild;

    private KubernetesLinker(List<DeclaredBuild> declared, Function<String, DeclaredBuild> ownBuild) {
        this.declared = declared;
        this.ownBuild = ownBuild;
    }

    /**
     * @param ownBuild the build the CI or task files declare for a Dockerfile ({@code docker build --target prod}), or
     *     null: the build a deployment's image comes from when only names tie them
     */
    static List<KubeWorkload> link(List<KubeWorkload> workloads, List<Container> containers,
            List<DeclaredBuild> declared, String projectFolder, Kustomizations kustomizations,
            Function<String, DeclaredBuild> ownBuild) {
        if (workloads.isEmpty()) {
            return workloads;
        }
        KubernetesLinker linker = new KubernetesLinker(declared, ownBuild);
        for (Container c : containers) {
            linker.add(c);
        }
        for (DeclaredBuild build : declared) {
            build.tags().forEach(linker::owner);
        }
        if (linker.names.size() == 1 && projectFolder != null) {
            add(linker.names.values().iterator().next(), projectFolder.toLowerCase(Locale.ROOT));
        }
        if (linker.names.size() == 1) {
            Set<String> local = new HashSet<>();
            for (KubeWorkload w : workloads) {
                for (KubeContainer k : w.containers()) {
                    if (k.image() != null) {
                        kustomizations.images(w.file(), k.image()).stream().filter(linker::unlinkedLocalName)
                                .map(KubernetesLinker::lastSegment).forEach(local::add);
                    }
                }
            }
            if (local.size() == 1) {
                add(linker.names.values().iterator().next(), local.iterator().next());
            }
        }
        List<KubeWorkload> linked = new ArrayList<>();
        for (KubeWorkload w : workloads) {
            List<KubeContainer> cs = w.containers().stream()
                    .map(k -> k.image() == null ? k : linker.link(k, kustomizations.images(w.file(), k.image())))
                    .toList();
            linked.add(w.withContainers(cs));
        }
        return linked;
    }

    private void add(Container c) {
        BuildLink build = c.build();
        if (build == null || build.model() == null) {
            return;
        }
        models.putIfAbsent(build.dockerfile(), build.model());
        Set<String> own = names.computeIfAbsent(build.dockerfile(), d -> new HashSet<>());
        if (c.image() != null) {
            published.built(c.image(), build);
            add(own, lastSegment(c.image()));
            owner(c.image());
        }
        if (!build.context().isEmpty()) {
            add(own, PathNames.fileName(build.context()).toLowerCase(Locale.ROOT));
        }
        add(own, suffixName(PathNames.fileName(build.dockerfile())));
    }

    /** Notes the registry and owner of a name the project gives a build ({@code ghcr.io/acme} of {@code ghcr.io/acme/api}). */
    private void owner(String image) {
        String repository = PublishedImages.repository(image);
        if (repository == null) {
            ownersKnown = false;
        } else {
            owners.add(repository.substring(0, repository.lastIndexOf('/')));
        }
    }

    /** The container linked to the one Dockerfile (and stage) its images lead to; as it is when none, or several. */
    private KubeContainer link(KubeContainer k, Collection<String> images) {
        List<Built> built = images.stream().map(this::built).filter(b -> b != null).distinct().toList();
        if (built.size() == 1) {
            return k.linkedTo(built.get(0).dockerfile(), built.get(0).stage());
        }
        List<String> dockerfiles = built.stream().map(Built::dockerfile).distinct().toList();
        return dockerfiles.size() == 1 ? k.linkedTo(dockerfiles.get(0), null) : k;
    }

    /** A Dockerfile and the index of the stage an image is built up to (null when unknown). */
    private record Built(String dockerfile, Integer stage) {}

    private Built built(String image) {
        if (PublishersImages.publishers(image)) {
            return null;
        }
        BuildLink composeBuilt = published.builtBy(image);
        if (composeBuilt != null) {
            Stage stage = composeBuilt.stage();
            return stage == null || development(composeBuilt.dockerfile(), stage)
                    ? ownStage(composeBuilt.dockerfile()) : new Built(composeBuilt.dockerfile(), stage.index());
        }
        DeclaredBuild tagged = published.declared(image, declared);
        if (tagged != null) {
            return stage(tagged.dockerfile(), tagged.target());
        }
        String segment = lastSegment(image);
        if (segment == null || !ownedHere(image)) {
            return null;
        }
        List<String> matching = names.entrySet().stream().filter(e -> e.getValue().contains(segment))
                .map(Map.Entry::getKey).toList();
        return matching.size() == 1 ? ownStage(matching.get(0)) : null;
    }

    /**
     * Whether the image is a local name that nothing else links: no registry and no owner ({@code shop-api:1.0}), not
     * an official image, so that no registry has it to pull (Docker Hub keeps only the official images under bare
     * names) and only a local build (minikube, kind, Docker Desktop) makes it.
     */
    private boolean unlinkedLocalName(String image) {
        String name = image.strip();
        return !name.contains("/") && lastSegment(name) != null && !PublishersImages.publishers(name)
                && built(name) == null;
    }

    /**
     * Whether a name-alone match may be the project's image: a local name ({@code api}, Docker Hub's library namespace
     * where no official image has it), or a repository under a registry and owner the project builds names under
     * (all of them, when a name of its builds is written with a variable there, or none is known).
     */
    private boolean ownedHere(String image) {
        String repository = PublishedImages.repository(image);
        if (repository == null) {
            return false;
        }
        String owner = repository.substring(0, repository.lastIndexOf('/'));
        return owner.equals("docker.io/library") || !ownersKnown || owners.isEmpty() || owners.contains(owner);
    }

    /** The stage the Dockerfile's own build makes: its CI build's target, else the last stage. */
    private Built ownStage(String dockerfile) {
        DeclaredBuild own = ownBuild.apply(dockerfile);
        return stage(dockerfile, own == null ? null : own.target());
    }

    /** The stage a build with the target (null: the last stage) makes; unknown for a development stage. */
    private Built stage(String dockerfile, String target) {
        DockerfileModel model = models.get(dockerfile);
        if (model == null || model.stages().isEmpty()) {
            return new Built(dockerfile, null);
        }
        Stage stage = target == null ? model.stages().get(model.stages().size() - 1) : model.stage(target).orElse(null);
        return new Built(dockerfile, stage == null || development(dockerfile, stage) ? null : stage.index());
    }

    /** Whether the stage is a development or test stage of a Dockerfile with several stages. */
    private boolean development(String dockerfile, Stage stage) {
        DockerfileModel model = models.get(dockerfile);
        return model != null && model.stages().size() > 1 && DevelopmentStages.named(stage.name());
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
