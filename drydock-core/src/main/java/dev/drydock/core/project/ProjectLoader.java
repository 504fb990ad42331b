package dev.drydock.core.project;

import dev.drydock.core.compose.ComposeLoader;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.devcontainer.DevContainerReader;
import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.discovery.ProjectScanner;
import dev.drydock.core.discovery.TaskFiles;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.kubernetes.KubeAutoscaler;
import dev.drydock.core.kubernetes.KubeConfigMap;
import dev.drydock.core.kubernetes.KubeSecret;
import dev.drydock.core.kubernetes.KubeService;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.kubernetes.KubernetesReader;
import dev.drydock.core.kubernetes.Kustomization;
import dev.drydock.core.kubernetes.Kustomizations;
import dev.drydock.core.ignore.GitIgnore;
import dev.drydock.core.goreleaser.GoReleaserFile;
import dev.drydock.core.manifest.FlyToml;
import dev.drydock.core.manifest.GoMod;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.Manifests;
import dev.drydock.core.skaffold.SkaffoldFile;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a project folder (or one file) into a {@link Project}: one walk, each file read and parsed
 * once, then the containers linked. A file that cannot be read or parsed becomes a diagnostic and
 * the rest is read. Compose interpolation sees the project's {@code .env} but not drydock's own
 * process environment, so a review does not depend on, or print, the caller's shell variables.
 */
public final class ProjectLoader {

    private final ProjectScanner scanner;

    public ProjectLoader() {
        this(new ProjectScanner());
    }

    public ProjectLoader(ProjectScanner scanner) {
        this.scanner = scanner;
    }

    /** Reads a folder, or a single file together with the files Docker reads with it. */
    public Project load(Path path) {
        ProjectLayout layout = scanner.scan(path);
        return new Reading(layout, ProjectFiles.open(layout.root(), scanner.maxTextBytes())).project();
    }

    /**
     * Reads a folder (or a file, as {@link #load(Path)}) as it would be with some files' text replaced
     * or added (paths relative to the project root): how a fix is checked by re-reading and
     * re-reviewing before anything is written.
     */
    public Project load(Path path, Map<String, String> overlay) {
        ProjectLayout layout = scanner.scan(path);
        ProjectFiles files = ProjectFiles.open(layout.root(), scanner.maxTextBytes()).withOverlay(overlay);
        List<ProjectEntry> added = new ArrayList<>();
        for (String file : files.overlay().keySet()) {
            if (layout.entry(file).isEmpty()) {
                files.entry(file).ifPresent(added::add);
            }
        }
        return new Reading(layout.plus(added), files).project();
    }

    /**
     * Reads files named explicitly (each may say what it is, for names drydock would not recognise)
     * inside the project folder {@code root}, with the files Docker and Compose read with them.
     */
    public Project load(Path root, List<ExplicitFile> explicit) {
        ProjectLayout layout = scanner.scanFiles(root, explicit);
        return new Reading(layout, ProjectFiles.open(layout.root(), scanner.maxTextBytes())).project();
    }

    /** What one load reads, with its caches: a file named twice is read and parsed once. */
    static final class Reading {
        final ProjectLayout layout;
        /** The compose files CI and task files start together ({@link ComposeChains}). */
        final List<List<String>> composeChains;
        final ProjectFiles files;
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final Map<String, DockerfileSource> dockerfiles = new LinkedHashMap<>();
        final Map<String, DockerIgnore> dockerignores = new LinkedHashMap<>();
        final Map<String, GitIgnore> gitignores = new LinkedHashMap<>();
        final Map<String, Manifest> manifests = new LinkedHashMap<>();
        final List<ComposeProject> composeProjects = new ArrayList<>();
        final List<ComposeVariant> composeVariants = new ArrayList<>();
        final List<DevContainer> devContainers = new ArrayList<>();
        final Map<String, SourceFile> sources = new LinkedHashMap<>();
        /** What {@link #readOnce} read, by path: the file's read result or its error. */
        private final Map<String, Object> early = new java.util.HashMap<>();

        /** The skaffold.yaml files that read, in path order. */
        final List<SkaffoldFile> skaffold = new ArrayList<>();

        Reading(ProjectLayout layout, ProjectFiles files) {
            this.files = files;
            this.composeChains = readComposeChains(layout);
            ProjectLayout chained = withGitLabIncludes(withChainedFiles(layout, files, composeChains));
            diagnostics.addAll(layout.diagnostics());
            for (ProjectEntry entry : chained.skaffoldFiles()) {
                read(entry.path(), SkaffoldFile::of, s -> List.of()).ifPresent(skaffold::add);
            }
            this.layout = skaffold.isEmpty() ? chained : SkaffoldManifests.added(chained, files, skaffold);
        }

        /** The files whose commands may build images or start compose files: CI, task files, shell scripts. */
        private static List<String> commandFiles(ProjectLayout layout, ProjectFiles files) {
            List<String> paths = new ArrayList<>();
            layout.ciFiles().forEach(e -> paths.add(e.path()));
            paths.addAll(TaskFiles.present(files));
            layout.entries(FileType.SHELL_SCRIPT).forEach(e -> paths.add(e.path()));
            return paths;
        }

        private List<List<String>> readComposeChains(ProjectLayout layout) {
            java.util.Set<List<String>> all = new java.util.LinkedHashSet<>();
            for (String path : commandFiles(layout, files)) {
                SourceFile file;
                try {
                    file = readOnce(path).file();
                } catch (SourceException e) {
                    continue; // reported where the file is read for its builds
                }
                if (!ComposeChains.mayDeclare(file.text())) {
                    continue;
                }
                List<List<String>> found = ComposeChains.read(file, "", files::exists);
                String folder = PathNames.parent(path);
                if (found.isEmpty() && !folder.isEmpty() && path.endsWith(".sh")) {
                    found = ComposeChains.read(file, folder, files::exists);
                }
                all.addAll(found);
            }
            return List.copyOf(all);
        }

        /** The layout with the project's files that its GitLab pipeline includes, as GitLab CI files themselves. */
        private ProjectLayout withGitLabIncludes(ProjectLayout layout) {
            java.util.Deque<String> pending = new java.util.ArrayDeque<>();
            layout.ciFiles().stream().filter(e -> e.type() == FileType.GITLAB_CI).forEach(e -> pending.add(e.path()));
            java.util.Set<String> seen = new java.util.HashSet<>(pending);
            List<ProjectEntry> added = new ArrayList<>();
            while (!pending.isEmpty() && seen.size() < MAX_INCLUDED_FILES) {
                SourceFile file;
                try {
                    file = readOnce(pending.poll()).file();
                } catch (SourceException e) {
                    continue; // reported where the file is read for its builds
                }
                for (String path : GitLabIncludes.local(file)) {
                    if (seen.add(path) && layout.entry(path).filter(e -> e.kind() == FileKind.CI).isEmpty()) {
                        files.entry(path, FileType.GITLAB_CI).ifPresent(entry -> {
                            added.add(entry);
                            pending.add(path);
                        });
                    }
                }
            }
            return added.isEmpty() ? layout : layout.plus(added);
        }

        /** How many GitLab files of a project are followed through their includes at most. */
        private static final int MAX_INCLUDED_FILES = 64;

        /** The layout with the chained files discovery did not take for compose files ({@code deploy/production.yml}). */
        private static ProjectLayout withChainedFiles(ProjectLayout layout, ProjectFiles files, List<List<String>> chains) {
            List<ProjectEntry> added = new ArrayList<>();
            for (List<String> chain : chains) {
                for (String path : chain) {
                    if (layout.entry(path).filter(e -> e.kind() != FileKind.KUBERNETES).isEmpty() && added.stream().noneMatch(e -> e.path().equals(path))) {
                        files.entry(path, FileType.COMPOSE_VARIANT).ifPresent(added::add);
                    }
                }
            }
            return layout.plus(added);
        }

        Project project() {
            for (ProjectEntry entry : layout.dockerfiles()) {
                dockerfile(entry.path());
            }
            for (ProjectEntry entry : layout.dockerignoreFiles()) {
                read(entry.path(), DockerIgnore::parse, DockerIgnore::diagnostics).ifPresent(i -> dockerignores.put(entry.path(), i));
            }
            for (ProjectEntry entry : layout.gitignoreFiles()) {
                read(entry.path(), GitIgnore::parse, g -> List.of()).ifPresent(g -> gitignores.put(entry.path(), g));
            }
            Map<String, List<String>> namesByFolder = namesByFolder();
            for (ProjectEntry entry : layout.manifests()) {
                var kind = Manifests.kindOf(entry.path());
                if (kind.isEmpty()) {
                    continue; // lock files and the like are noted by the manifest beside them
                }
                List<String> siblings = namesByFolder.getOrDefault(entry.directory(), List.of());
                read(entry.path(), f -> Manifests.parse(kind.get(), f, siblings, this::existing), Manifest::diagnostics)
                        .ifPresent(m -> manifests.put(entry.path(), m));
            }
            for (ProjectEntry entry : layout.devContainerFiles()) {
                read(entry.path(), DevContainerReader::read, d -> List.of()).ifPresent(devContainers::add);
            }
            loadCompose();
            List<Container> containers = new ContainerLinker(this).link();
            Path folder = layout.root().getFileName();
            List<KubeWorkload> workloads = kubernetesWorkloads();
            List<KubeWorkload> kubernetes = KubernetesLinker.link(workloads, containers, declaredBuilds(),
                    folder == null ? null : folder.toString(),
                    workloads.isEmpty() ? new Kustomizations(List.of()) : kustomizations(), this::declaredBuild);
            for (ComposeProject compose : composeProjects) {
                compose.files().forEach(f -> sources.putIfAbsent(f.displayPath(), f.source()));
            }
            return new Project(layout.root(), layout, dockerfiles, composeProjects, composeVariants, dockerignores, gitignores,
                    List.copyOf(manifests.values()), containers, devContainers, declaredBuilds(),
                    unplacedLabelledBuilds, kubernetes, configMaps, secrets, services, diagnostics, files,
                    sources);
        }

        /**
         * The workloads of the YAML files that may be Kubernetes manifests; a file that cannot be read or holds no
         * workload adds nothing and no diagnostic, since drydock only guessed it from its place or name.
         */
        /** The ConfigMaps of the manifests, read with their workloads. */
        private final List<KubeConfigMap> configMaps = new ArrayList<>();

        /** The Secrets of the manifests with values written into them, read with their workloads. */
        private final List<KubeSecret> secrets = new ArrayList<>();

        /** The Services of the manifests, read with their workloads. */
        private final List<KubeService> services = new ArrayList<>();

        private List<KubeWorkload> kubernetesWorkloads() {
            List<KubeWorkload> workloads = new ArrayList<>();
            List<KubeAutoscaler> autoscalers = new ArrayList<>();
            for (ProjectEntry entry : layout.kubernetesFiles()) {
                try {
                    SourceFile file = files.read(entry.path()).file();
                    KubernetesReader.Manifest manifest = KubernetesReader.readAll(file);
                    List<KubeWorkload> read = manifest.workloads();
                    List<KubeAutoscaler> scalers = manifest.autoscalers();
                    List<KubeConfigMap> maps = manifest.configMaps();
                    configMaps.addAll(maps);
                    secrets.addAll(manifest.secrets());
                    services.addAll(manifest.services());
                    if (!read.isEmpty() || !maps.isEmpty() || !manifest.secrets().isEmpty()
                            || !manifest.services().isEmpty()) {
                        sources.put(entry.path(), file);
                        workloads.addAll(read);
                    }
                    autoscalers.addAll(scalers);
                } catch (SourceException e) {
                    // unreadable: no manifest drydock can use
                }
            }
            return workloads.stream().map(w -> autoscalers.stream().filter(a -> a.scales(w)).findFirst()
                    .map(w::scaledBy).orElse(w)).toList();
        }

        /** The project's kustomization files drydock can read. */
        private Kustomizations kustomizations() {
            List<Kustomization> all = new ArrayList<>();
            for (ProjectEntry entry : layout.entries()) {
                if (Kustomization.FILE_NAMES.contains(PathNames.fileName(entry.path()))) {
                    try {
                        Kustomization.read(entry.path(), files.read(entry.path()).file().text()).ifPresent(all::add);
                    } catch (SourceException e) {
                        // unreadable: no kustomization drydock can use
                    }
                }
            }
            return new Kustomizations(all);
        }

        private List<DeclaredBuild> declaredBuilds;
        private final List<Origin> unplacedLabelledBuilds = new ArrayList<>();
        private Map<String, DeclaredBuild> chosenBuilds;

        /** The build of a Dockerfile that CI or task files declare, or null; the files are read on first use. */
        DeclaredBuild declaredBuild(String dockerfile) {
            if (chosenBuilds == null) {
                chosenBuilds = DeclaredBuildChoice.byDockerfile(declaredBuilds(), path -> {
                    DockerfileSource source = dockerfile(path);
                    return source == null ? null : source.model();
                });
            }
            return chosenBuilds.get(dockerfile);
        }

        /**
         * The build of a Dockerfile that a dev container configuration declares ({@code build.dockerfile} with its
         * context, target and arguments), or null; the first configuration in path order wins.
         */
        DeclaredBuild devContainerBuild(String dockerfile) {
            for (DevContainer dev : devContainers) {
                DevContainer.Build build = dev.build();
                if (build != null && dockerfile.equals(build.dockerfile()) && build.context() != null) {
                    return new DeclaredBuild(dockerfile, build.context(), build.target(), build.args(), List.of(),
                            new Origin(dev.path(), build.span()));
                }
            }
            return null;
        }

        /** Every build the CI and task files declare, in the order they are written. */
        List<DeclaredBuild> declaredBuilds() {
            if (declaredBuilds == null) {
                declaredBuilds = readDeclaredBuilds();
            }
            return declaredBuilds;
        }

        private List<DeclaredBuild> readDeclaredBuilds() {
            List<DeclaredBuild> all = new ArrayList<>();
            Map<String, SourceFile> read = new LinkedHashMap<>();
            for (String path : commandFiles(layout, files)) {
                read.put(path, text(path));
            }
            WorkflowCalls calls = WorkflowCalls.of(read.values().stream()
                    .filter(f -> f != null && f.path().startsWith(".github/workflows/")).toList());
            java.util.Set<String> gitlabPaths = new java.util.HashSet<>();
            layout.ciFiles().stream().filter(e -> e.type() == FileType.GITLAB_CI).forEach(e -> gitlabPaths.add(e.path()));
            GitLabJobs gitlab = GitLabJobs.of(read.values().stream()
                    .filter(f -> f != null && gitlabPaths.contains(f.path())).toList());
            for (Map.Entry<String, SourceFile> entry : read.entrySet()) {
                String path = entry.getKey();
                SourceFile file = entry.getValue();
                if (file != null && BakeActions.mayDeclare(file.text())) {
                    if (path.startsWith(".github/")) {
                        all.addAll(BakeActions.read(file, this::text, files::isDirectory, files::exists));
                    }
                    all.addAll(BakeActions.commands(file, this::text, files::isDirectory, files::exists));
                }
                if (file == null || !DeclaredBuilds.mayDeclare(file.text())) {
                    continue;
                }
                List<Origin> unplaced = new ArrayList<>();
                List<DeclaredBuild> found = DeclaredBuilds.read(file, "", files::isDirectory, files::exists, unplaced,
                        calls, gitlab);
                String folder = PathNames.parent(path);
                if (found.isEmpty() && !folder.isEmpty() && path.endsWith(".sh")) {
                    unplaced.clear();
                    found = DeclaredBuilds.read(file, folder, files::isDirectory, files::exists, unplaced);
                }
                unplacedLabelledBuilds.addAll(unplaced);
                all.addAll(found);
            }
            List<String> bakeFiles = layout.bakeFiles().stream().map(ProjectEntry::path).toList();
            if (!bakeFiles.isEmpty()) {
                all.addAll(BakeBuilds.read(bakeFiles, this::text, diagnostics, files::isDirectory, files::exists));
            }
            all.addAll(SkaffoldBuilds.read(skaffold, files::isDirectory, files::exists));
            List<GoReleaserFile> goreleaser = new ArrayList<>();
            for (ProjectEntry entry : layout.goreleaserFiles()) {
                read(entry.path(), GoReleaserFile::of, g -> List.of()).ifPresent(goreleaser::add);
            }
            all.addAll(GoReleaserBuilds.read(goreleaser, this::goModule, files::exists, unplacedLabelledBuilds));
            return all;
        }

        /** The module path of the go.mod in a folder of the project, when it has one that names a module. */
        private Optional<String> goModule(String folder) {
            return existing(PathNames.join(folder, "go.mod")).flatMap(f -> GoMod.parse(f).module());
        }

        /** The Dockerfile at a root-relative path, read and parsed on first use. */
        DockerfileSource dockerfile(String path) {
            DockerfileSource known = dockerfiles.get(path);
            if (known != null) {
                return known;
            }
            SourceFile file = text(path);
            DockerfileSource source;
            if (file == null) {
                source = null;
            } else {
                Dockerfile syntax = null;
                DockerfileModel model = null;
                try {
                    syntax = DockerfileParser.parse(file);
                    model = DockerfileModel.of(syntax);
                    diagnostics.addAll(model.diagnostics());
                } catch (SourceException e) {
                    diagnostics.add(Diagnostic.error(e));
                }
                source = new DockerfileSource(file, syntax, model);
                dockerfiles.put(path, source);
            }
            return source;
        }

        /** A file's text when it exists and can be read. */
        private Optional<SourceFile> existing(String path) {
            return files.exists(path) ? Optional.ofNullable(text(path)) : Optional.empty();
        }

        /** The Fly.io configuration at a root-relative path, read once; empty when it cannot be read or is not TOML. */
        Optional<FlyToml> fly(String path) {
            return Optional.ofNullable(text(path)).flatMap(FlyToml::of);
        }

        /** A file's text, or null with a diagnostic when it cannot be read. */
        /**
         * The file as read the first time anything asked (the CI files looked through for compose chains and GitLab
         * includes are read again for their builds), so that it is read from disk and parsed once.
         */
        private dev.drydock.core.discovery.ReadResult readOnce(String path) {
            Object known = early.computeIfAbsent(path, p -> {
                try {
                    return files.read(p);
                } catch (SourceException e) {
                    return e;
                }
            });
            if (known instanceof SourceException e) {
                throw e;
            }
            return (dev.drydock.core.discovery.ReadResult) known;
        }

        SourceFile text(String path) {
            try {
                var result = readOnce(path);
                diagnostics.addAll(result.diagnostics());
                sources.put(path, result.file());
                return result.file();
            } catch (SourceException e) {
                diagnostics.add(Diagnostic.error(e));
                return null;
            }
        }

        private <T> Optional<T> read(String path, Function<SourceFile, T> parser,
                Function<T, List<Diagnostic>> problems) {
            SourceFile file = text(path);
            if (file == null) {
                return Optional.empty();
            }
            try {
                T parsed = parser.apply(file);
                diagnostics.addAll(problems.apply(parsed));
                return Optional.of(parsed);
            } catch (SourceException e) {
                diagnostics.add(Diagnostic.error(e));
                return Optional.empty();
            }
        }

        private Map<String, List<String>> namesByFolder() {
            Map<String, List<String>> names = new HashMap<>();
            for (ProjectEntry entry : layout.entries()) {
                names.computeIfAbsent(entry.directory(), d -> new ArrayList<>()).add(entry.name());
            }
            return names;
        }

        private void loadCompose() {
            Map<String, List<ProjectEntry>> byFolder = new LinkedHashMap<>();
            for (ProjectEntry entry : layout.composeFiles()) {
                byFolder.computeIfAbsent(entry.directory(), d -> new ArrayList<>()).add(entry);
            }
            List<LoadedCompose> loaded = new ArrayList<>();
            java.util.Set<String> chainedOver = new java.util.HashSet<>();
            java.util.Set<List<String>> defaultLists = new java.util.HashSet<>();
            for (var folder : byFolder.entrySet()) {
                List<ProjectEntry> defaults = ComposeFileVariable.files(files, folder.getKey(), folder.getValue())
                        .orElse(layout.defaultComposeFiles(folder.getKey()));
                defaultLists.add(defaults.stream().map(ProjectEntry::path).toList());
            }
            for (List<String> chain : composeChains) {
                if (!defaultLists.contains(chain)) {
                    chainedOver.addAll(chain.subList(1, chain.size()));
                }
            }
            for (var folder : byFolder.entrySet()) {
                List<ProjectEntry> defaults = ComposeFileVariable.files(files, folder.getKey(), folder.getValue())
                        .orElse(layout.defaultComposeFiles(folder.getKey()));
                if (!defaults.isEmpty()) {
                    loadCompose(folder.getKey(), defaults).ifPresent(loaded::add);
                }
                Optional<ComposeProject> base = null;
                for (ProjectEntry entry : folder.getValue()) {
                    if (defaults.contains(entry) || chainedOver.contains(entry.path())) {
                        continue;
                    }
                    Optional<LoadedCompose> alone = loadCompose(folder.getKey(), List.of(entry));
                    Optional<LoadedCompose> variant = Optional.empty();
                    if (!defaults.isEmpty() && alone.isPresent()
                            && ComposeVariant.variantName(layout.root().resolve(entry.path()))) {
                        if (base == null) {
                            base = loadCompose(folder.getKey(), List.of(defaults.get(0)), false).map(LoadedCompose::project);
                        }
                        variant = base.flatMap(b -> loadVariant(folder.getKey(), defaults.get(0), b, entry, alone.get().project()));
                    }
                    (variant.isPresent() ? variant : alone).ifPresent(loaded::add);
                }
            }
            for (List<String> chain : composeChains) {
                if (!defaultLists.contains(chain)) {
                    loadChain(chain).ifPresent(loaded::add);
                }
            }
            for (LoadedCompose compose : loaded) {
                if (!compose.includedByAnother(loaded) && !compose.extendedBaseOf(loaded)) {
                    composeProjects.add(compose.project());
                    diagnostics.addAll(compose.project().diagnostics());
                }
            }
            composeVariants.removeIf(v -> composeProjects.stream().noneMatch(c -> c == v.project()));
        }

        /** Whether a service of a compose project is reviewed there (see {@link Project#reviews}). */
        boolean reviews(ComposeProject compose, dev.drydock.core.compose.Service service) {
            return ComposeVariant.reviews(composeVariants, compose, service);
        }

        /**
         * The file loaded over its folder's base file when it is a {@link ComposeVariant} of it (given both read
         * alone); empty otherwise.
         */
        private Optional<LoadedCompose> loadVariant(String folder, ProjectEntry baseEntry, ComposeProject base,
                ProjectEntry entry, ComposeProject alone) {
            if (!ComposeVariant.overlays(base, alone)) {
                return Optional.empty();
            }
            Optional<LoadedCompose> merged = loadCompose(folder, List.of(baseEntry, entry), false);
            merged.ifPresent(m -> composeVariants.add(new ComposeVariant(m.project(), baseEntry.path(), List.of(entry.path()))));
            return merged;
        }

        /** The files of a chain merged in order, as a variant of the first, read from the first one's folder. */
        private Optional<LoadedCompose> loadChain(List<String> chain) {
            List<ProjectEntry> entries = new ArrayList<>();
            for (String path : chain) {
                Optional<ProjectEntry> entry = layout.entry(path);
                if (entry.isEmpty()) {
                    return Optional.empty();
                }
                entries.add(entry.get());
            }
            Optional<LoadedCompose> merged = loadCompose(PathNames.parent(chain.get(0)), entries);
            merged.ifPresent(m -> composeVariants.add(new ComposeVariant(m.project(), chain.get(0),
                    chain.subList(1, chain.size()))));
            return merged;
        }

        /** The in-memory text of a file given by absolute path, or null to read it from disk. */
        private String overlaid(Path path) {
            if (files.overlay().isEmpty() || !path.startsWith(layout.root())) {
                return null;
            }
            return files.overlay().get(layout.root().relativize(path).toString().replace('\\', '/'));
        }

        private Optional<LoadedCompose> loadCompose(String folder, List<ProjectEntry> entries) {
            return loadCompose(folder, entries, true);
        }

        private Optional<LoadedCompose> loadCompose(String folder, List<ProjectEntry> entries, boolean reportUnread) {
            Path dir = layout.root().resolve(folder);
            List<Path> paths = entries.stream().map(e -> layout.root().resolve(e.path()).normalize()).toList();
            try {
                // Nothing of this machine's environment: only PWD, which the shell that runs Compose always sets,
                // to the folder it is run from (the compose file's, as the project is meant to be started).
                ComposeProject project = ComposeLoader.load(new ComposeLoader.Options(dir, paths,
                                Map.of("PWD", dir.toString()), null, null),
                        layout.root(), this::overlaid);
                return Optional.of(new LoadedCompose(project, paths));
            } catch (SourceException e) {
                if (reportUnread) {
                    diagnostics.add(Diagnostic.error(e));
                }
                return Optional.empty();
            }
        }
    }
}
