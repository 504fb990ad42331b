package dev.drydock.core.project;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.ignore.GitIgnore;
import dev.drydock.core.kubernetes.KubeConfigMap;
import dev.drydock.core.kubernetes.KubeSecret;
import dev.drydock.core.kubernetes.KubeService;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.manifest.DenoConfig;
import dev.drydock.core.manifest.FlyToml;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project folder read once into one model: its files, each parsed, and the containers they
 * describe with everything linked (service to Dockerfile, context, ignore file, manifests, command,
 * entry point, healthcheck). Rules query it; nothing re-reads or re-parses.
 *
 * @param root the project folder
 * @param layout the files found and how they were classified
 * @param dockerfiles every Dockerfile read, by path relative to the root
 * @param composeProjects the compose projects: the default file (with its override) of each folder,
 *     every variant of a base file over that file, and every other compose file on its own
 * @param composeVariants the compose projects of {@link #composeProjects} that are a variant file read over its
 *     folder's base file ({@code -f compose.yaml -f compose.prod.yaml})
 * @param dockerignores every ignore file read, by path
 * @param gitignores every {@code .gitignore} read, by path
 * @param manifests every dependency manifest read
 * @param containers what runs: every compose service, then every Dockerfile no service builds
 * @param devContainers the dev container configurations ({@code devcontainer.json}) read, in path order
 * @param declaredBuilds the image builds that CI and task files spell out, in the order they are written
 * @param unplacedLabelledBuilds where CI and task files declare a build that puts OCI labels on its image but whose
 *     Dockerfile cannot be told (a context or file given by a variable, as in a matrix of images that is not written
 *     literally); a literal matrix's combinations are builds of their own, and only those that stay unplaced are here
 * @param kubernetesWorkloads the workloads of the project's plain Kubernetes manifests, their containers linked to
 *     the Dockerfiles that build their images where drydock can tell
 * @param kubernetesConfigMaps the ConfigMaps of the project's plain Kubernetes manifests
 * @param kubernetesSecrets the Secrets with values written into the project's plain Kubernetes manifests
 * @param kubernetesServices the Services of the project's plain Kubernetes manifests, as written (kustomize overlays
 *     that patch them are not applied)
 * @param diagnostics what could not be read or understood, per file; the rest of the model stands
 * @param files the safe reader of the project's files (inside the root, size-bounded)
 * @param sources every text file read so far, by path; {@link #source} adds to it
 */
public record Project(Path root, ProjectLayout layout, Map<String, DockerfileSource> dockerfiles,
        List<ComposeProject> composeProjects, List<ComposeVariant> composeVariants, Map<String, DockerIgnore> dockerignores, Map<String, GitIgnore> gitignores,
        List<Manifest> manifests, List<Container> containers, List<DevContainer> devContainers, List<DeclaredBuild> declaredBuilds,
        List<Origin> unplacedLabelledBuilds,
        List<KubeWorkload> kubernetesWorkloads, List<KubeConfigMap> kubernetesConfigMaps,
        List<KubeSecret> kubernetesSecrets, List<KubeService> kubernetesServices, List<Diagnostic> diagnostics,
        ProjectFiles files, Map<String, SourceFile> sources) {

    public Project {
        dockerfiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dockerfiles));
        composeProjects = List.copyOf(composeProjects);
        composeVariants = List.copyOf(composeVariants);
        dockerignores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dockerignores));
        gitignores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gitignores));
        manifests = List.copyOf(manifests);
        containers = List.copyOf(containers);
        devContainers = List.copyOf(devContainers);
        declaredBuilds = List.copyOf(declaredBuilds);
        unplacedLabelledBuilds = List.copyOf(unplacedLabelledBuilds);
        kubernetesWorkloads = List.copyOf(kubernetesWorkloads);
        kubernetesConfigMaps = List.copyOf(kubernetesConfigMaps);
        kubernetesSecrets = List.copyOf(kubernetesSecrets);
        kubernetesServices = List.copyOf(kubernetesServices);
        diagnostics = List.copyOf(diagnostics);
        sources = new ConcurrentHashMap<>(sources);
    }

    /** The Fly.io configuration at a root-relative path, read once; empty when it is missing or not valid TOML. */
    public Optional<FlyToml> fly(String path) {
        return source(path).flatMap(FlyToml::of);
    }

    /**
     * The Deno configuration of a root-relative folder ("" for the root), read once per file: its deno.json, else its
     * deno.jsonc; empty when it has neither or the first it has is not a JSON object.
     */
    public Optional<DenoConfig> denoConfig(String dir) {
        return DenoConfig.in(dir == null ? "" : dir, this::source);
    }

    /** The .gitignore pattern that makes git ignore the file at {@code path}, or empty when git tracks it. */
    public Optional<dev.drydock.core.ignore.GitIgnorePattern> gitIgnoring(String path) {
        for (GitIgnore ignore : gitignores.values()) {
            Optional<dev.drydock.core.ignore.GitIgnorePattern> pattern = ignore.matchingPattern(path, false);
            if (pattern.isPresent() && !pattern.get().negated()) {
                return pattern;
            }
        }
        return Optional.empty();
    }

    /**
     * A file of the project as text: one the loader read, or read now (and kept) through the safe
     * reader; empty when it does not exist or cannot be read. Rules read application sources this way.
     */
    public Optional<SourceFile> source(String path) {
        SourceFile known = sources.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            if (!files.exists(path)) {
                return Optional.empty(); // without the exceptions a failed read throws
            }
            SourceFile read = files.read(path).file();
            sources.putIfAbsent(path, read);
            return Optional.of(read);
        } catch (SourceException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a service of a compose project is reviewed there: every service is, except in a variant's project
     * the services the variant does not define, which are reviewed with their base file's project.
     */
    public boolean reviews(ComposeProject compose, dev.drydock.core.compose.Service service) {
        return ComposeVariant.reviews(composeVariants, compose, service);
    }

    public Optional<Container> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.level() == Diagnostic.Level.ERROR);
    }
}
