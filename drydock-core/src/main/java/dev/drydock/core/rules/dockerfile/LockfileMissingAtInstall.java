package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.MountSpec;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.ignore.DockerIgnorePattern;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.DependencyInstalls.Install;
import dev.drydock.core.rules.support.NodeWorkspaces;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "lockfile-missing-at-install",
        title = "The install demands a lock file the build does not bring",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Installs that stop when the lock file is missing (npm ci; pnpm install --frozen-lockfile; yarn"
                + " install --immutable; uv sync --locked or --frozen) in every stage an image is built from, where"
                + " a COPY from the build context put the manifest (package.json, pyproject.toml) in the folder the"
                + " install runs in: fires when no lock file of that tool reaches that folder before the install,"
                + " because the project has none beside the manifest, the .dockerignore leaves it out, or no COPY"
                + " brings it (COPY package.json ./ then npm ci); a lock file a bind mount of the RUN brings counts."
                + " Also, at medium severity, a lock file that reaches the build but that git ignores: a build from a"
                + " clean clone, as in CI, has none. Quiet where another stage's files or a bind mount of unknown"
                + " content may bring it, where the RUN tests for the lock file ([ -f pnpm-lock.yaml ]) and so runs"
                + " the install only where it is, where the install runs in a Node workspace's folder below the"
                + " copied root and its lock file, and for images built only for development. For a workspace built"
                + " alone from its folder, names the workspace root's lock file and a --workspace or --filter"
                + " install from the root. A lock file a COPY names"
                + " explicitly is copy-ignored-file's or copy-source-missing's.",
        problem = "npm ci refuses to run without package-lock.json or npm-shrinkwrap.json, pnpm with"
                + " --frozen-lockfile stops with ERR_PNPM_NO_LOCKFILE, Yarn 2+ with --immutable refuses to create"
                + " yarn.lock, and uv sync --locked or --frozen stops with \"Unable to find lockfile at uv.lock\".",
        impact = "The image does not build, or builds only on the machine whose folder happens to hold the"
                + " untracked lock file: every build from a clean checkout fails at the install step.",
        recommendation = "Commit the lock file and copy it beside the manifest before the install (COPY package.json"
                + " package-lock.json ./, COPY pyproject.toml uv.lock ./), and keep it out of .dockerignore and"
                + " .gitignore.",
        references = {
                "https://docs.npmjs.com/cli/commands/npm-ci",
                "https://pnpm.io/cli/install#--frozen-lockfile",
                "https://yarnpkg.com/cli/install",
                "https://docs.astral.sh/uv/concepts/projects/sync/"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.12.0-bookworm-slim
                        WORKDIR /app
                        COPY package.json ./
                        RUN npm ci --omit=dev
                        COPY server.js .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                good = """
                        FROM node:22.12.0-bookworm-slim
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci --omit=dev
                        COPY server.js .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                alongside = {
                    @ExampleFile(name = "package.json", content = """
                            {"name": "notes", "version": "1.0.0", "dependencies": {"express": "4.21.2"}}
                            """),
                    @ExampleFile(name = "package-lock.json", content = """
                            {"name": "notes", "version": "1.0.0", "lockfileVersion": 3, "packages": {}}
                            """),
                    @ExampleFile(name = "server.js", content = """
                            require("express")().listen(3000);
                            """)}))
public final class LockfileMissingAtInstall implements Rule {

    /**
     * What an install that stops without its lock file needs: the manifest a COPY puts where it runs, the lock files
     * it accepts, and how to make one.
     */
    private record Demand(String manifest, List<String> locks, String lockCommand) {}

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            BuildLink build = image.container() == null ? null : image.container().build();
            if (image.isDevelopmentImage() || build == null || build.model() == null) {
                continue;
            }
            for (RunStep run : RunStep.of(image.model(), image.neededStages())) {
                for (Install install : DependencyInstalls.of(run)) {
                    Optional<Demand> demand = demand(install);
                    String directory = DependencyInstalls.directory(run, install);
                    if (demand.isPresent() && directory != null && !testsForLock(run, demand.get())
                            && reported.add(image.dockerfile() + ":" + install.call().span())) {
                        check(context, build, run, install, demand.get(), directory);
                    }
                }
            }
        }
    }

    private static Optional<Demand> demand(Install install) {
        Set<String> flags = new HashSet<>();
        install.call().args().forEach(a -> flags.add(a.value()));
        return switch (install.call().name()) {
            case "npm" -> install.text().equals("npm ci")
                    ? Optional.of(new Demand("package.json", LockFile.fileNamesOf("npm"),
                            "npm install --package-lock-only"))
                    : Optional.empty();
            case "pnpm" -> flags.contains("--frozen-lockfile") || flags.contains("--frozen-lockfile=true")
                    ? Optional.of(new Demand("package.json", LockFile.fileNamesOf("pnpm"), "pnpm install --lockfile-only"))
                    : Optional.empty();
            case "yarn" -> flags.contains("--immutable")
                    ? Optional.of(new Demand("package.json", LockFile.fileNamesOf("yarn"), "yarn install"))
                    : Optional.empty();
            case "uv" -> install.text().equals("uv sync") && (flags.contains("--locked") || flags.contains("--frozen"))
                    ? Optional.of(new Demand("pyproject.toml", List.of(LockFile.UV_LOCK.fileName()), "uv lock"))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private void check(ReviewContext context, BuildLink build, RunStep run, Install install, Demand demand,
            String directory) {
        Project project = context.project();
        String text = installText(install);
        Optional<Located> mounted = mountedLock(run, demand, directory);
        if (mounted.isEmpty() && run.mounts().stream().anyMatch(m -> m.type().equals("bind"))) {
            return; // a bind mount of unknown content may bring it
        }
        List<Located> candidates = new java.util.ArrayList<>(mounted.stream().toList());
        ContextCopy manifestCopy = null;
        String manifestContextPath = null;
        List<ContextCopy> before = List.of();
        if (mounted.isEmpty()) {
            int at = run.instruction().span().start();
            List<Stage> lineage = Stages.lineage(build.model(), run.stage());
            if (BuildContexts.otherSourceBefore(build.model(), run.stage(), at)) {
                return; // another stage's or image's files may hold the lock file
            }
            before = BuildContexts.copies(build).stream()
                    .filter(c -> lineage.contains(c.stage()) && c.copy().instruction().span().start() < at).toList();
            Optional<Located> manifest = manifestArriving(project, build, before, directory, demand.manifest());
            if (manifest.isEmpty()) {
                return; // what the install reads is not known
            }
            manifestCopy = manifest.get().copy();
            manifestContextPath = manifest.get().contextPath();
            for (String lock : demand.locks()) {
                String beside = PathNames.join(PathNames.parent(manifest.get().contextPath()), lock);
                Optional<Located> found = arriving(project, build, before, beside, PathNames.join(directory, lock));
                if (found.isPresent() && named(found.get())) {
                    return; // a COPY of a missing or ignored file: copy-source-missing, copy-ignored-file
                }
                found.ifPresent(candidates::add);
            }
        }
        for (Located candidate : candidates) {
            String inProject = BuildContexts.inProject(build, candidate.contextPath());
            if (project.files().exists(inProject) && ignoring(build, candidate.contextPath()) == null) {
                gitIgnored(project, inProject).ifPresent(pattern -> context.finding(this, build.dockerfile(),
                                install.call().span(), "`" + text + "` needs " + PathNames.fileName(inProject)
                                        + ", which reaches this build but which git ignores (" + pattern + "): a build"
                                        + " from a clean clone, as in CI, has none, and " + consequence(install.call()))
                        .severity(Severity.MEDIUM)
                        .recommendation("Commit " + inProject + ": remove the pattern from .gitignore.")
                        .add());
                return;
            }
        }
        if (!candidates.isEmpty()) {
            Located lock = candidates.stream()
                    .filter(c -> project.files().exists(BuildContexts.inProject(build, c.contextPath())))
                    .findFirst().orElse(candidates.get(0));
            String contextPath = lock.contextPath();
            String inProject = BuildContexts.inProject(build, contextPath);
            DockerIgnorePattern ignoring = ignoring(build, contextPath);
            boolean exists = project.files().exists(inProject);
            Optional<WorkspaceLock> workspace = exists ? Optional.empty()
                    : workspaceLock(context, build, install, demand,
                            PathNames.join(PathNames.parent(inProject), demand.manifest()));
            if (workspace.isPresent() && rootLockArrives(project, build, before, directory, workspace.get())) {
                return;
            }
            if (workspace.isPresent() && lock.copy() != null) {
                reportWorkspace(context, build, install, directory, lock.copy(), workspace.get());
                return;
            }
            String why = !exists ? "the project has no " + inProject
                    : build.dockerignore() + " leaves " + contextPath + " out of the build context (line "
                            + ignoring.line() + ": " + ignoring.text() + ")";
            String how = lock.copy() == null ? "the bind mount of " + contextPath
                    : "`" + lock.copy().text() + "` (line " + lock.copy().line() + ")";
            context.finding(this, build.dockerfile(), install.call().span(), "`" + text + "` needs "
                            + PathNames.fileName(contextPath) + ", which " + how + " would bring, but " + why + ": "
                            + consequence(install.call()))
                    .recommendation(!exists
                            ? "Create the lock file (`" + demand.lockCommand() + "` beside " + demand.manifest()
                                    + "), commit it, and keep copying it before the install."
                            : "Let " + contextPath + " into the build context: remove or narrow the pattern "
                                    + ignoring.text() + " in " + build.dockerignore() + " (or add !" + contextPath
                                    + " after it).")
                    .add();
            return;
        }
        String manifestContext = manifestContextPath;
        Optional<WorkspaceLock> workspace = workspaceLock(context, build, install, demand,
                BuildContexts.inProject(build, manifestContext));
        if (workspace.isPresent() && rootLockArrives(project, build, before, directory, workspace.get())) {
            return;
        }
        if (workspace.isPresent()) {
            reportWorkspace(context, build, install, directory, manifestCopy, workspace.get());
            return;
        }
        String besideManifest = PathNames.join(PathNames.parent(manifestContext), demand.locks().get(0));
        String besideInProject = BuildContexts.inProject(build, besideManifest);
        boolean exists = project.files().exists(besideInProject);
        context.finding(this, build.dockerfile(), install.call().span(), "`" + text + "` runs in " + directory
                        + ", where `" + manifestCopy.text() + "` (line " + manifestCopy.line() + ") put "
                        + demand.manifest() + ", but no COPY before it brings " + String.join(" or ", demand.locks())
                        + (exists ? " (the project has " + besideInProject + ")" : " and the project has none beside "
                                + BuildContexts.inProject(build, manifestContext))
                        + ": " + consequence(install.call()))
                .recommendation(exists
                        ? "Copy the lock file with the manifest, before the install: add " + besideManifest
                                + " to `" + manifestCopy.text() + "`."
                        : "Create the lock file (`" + demand.lockCommand() + "` beside " + demand.manifest()
                                + "), commit it, and copy it with the manifest before the install: add "
                                + besideManifest + " to `" + manifestCopy.text() + "`.")
                .add();
    }

    /**
     * Whether the RUN tests that one of the lock files exists ({@code [ -f pnpm-lock.yaml ]}, {@code test -e
     * yarn.lock}), as the Next.js example's install does for each package manager: the install it guards runs only
     * where the lock file is.
     */
    private static boolean testsForLock(RunStep run, Demand demand) {
        if (run.script() == null) {
            return false;
        }
        return run.script().testedFiles().stream().anyMatch(f -> demand.locks().contains(PathNames.fileName(f)));
    }

    /**
     * The lock file of the Node workspace a manifest belongs to: it lies at the workspace root, not beside the
     * member's package.json, and describes every workspace, so it only serves an install run from the root.
     */
    private record WorkspaceLock(String member, String memberName, String root, String lock, boolean inContext) {

        String rootName() {
            return root.isEmpty() ? "the project's root" : root;
        }
    }

    private static Optional<WorkspaceLock> workspaceLock(ReviewContext context, BuildLink build, Install install,
            Demand demand, String member) {
        if (!demand.manifest().equals("package.json")) {
            return Optional.empty();
        }
        Optional<String> root = NodeWorkspaces.rootOf(context, member, install.call().name());
        if (root.isEmpty()) {
            return Optional.empty();
        }
        for (String lock : demand.locks()) {
            String path = PathNames.join(root.get(), lock);
            if (context.project().files().exists(path)) {
                String folder = PathNames.parent(member);
                String name = context.project().source(member).flatMap(LockfileMissingAtInstall::packageName)
                        .orElse(PathNames.fileName(folder));
                return Optional.of(new WorkspaceLock(member, name, root.get(), path,
                        BuildContexts.inContext(build, path) != null));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the workspace root's lock file reaches the folder the root is copied to, the install running in the
     * member's folder below it: npm then takes the root as its prefix, and pnpm finds pnpm-workspace.yaml above.
     */
    private static boolean rootLockArrives(Project project, BuildLink build, List<ContextCopy> before,
            String directory, WorkspaceLock workspace) {
        String memberFolder = PathNames.parent(workspace.member());
        String relativeMember = workspace.root().isEmpty() ? memberFolder
                : memberFolder.substring(workspace.root().length() + 1);
        String folder = ContainerPaths.clean(directory);
        if (!folder.endsWith("/" + relativeMember)) {
            return false;
        }
        String rootFolder = folder.substring(0, folder.length() - relativeMember.length() - 1);
        String lockInContext = BuildContexts.inContext(build, workspace.lock());
        return lockInContext != null && arriving(project, build, before, lockInContext,
                PathNames.join(rootFolder.isEmpty() ? "/" : rootFolder, PathNames.fileName(workspace.lock())))
                .isPresent();
    }

    private static Optional<String> packageName(SourceFile file) {
        try {
            return PackageJson.of(file).name();
        } catch (SourceException e) {
            return Optional.empty();
        }
    }

    private void reportWorkspace(ReviewContext context, BuildLink build, Install install, String directory,
            ContextCopy manifestCopy, WorkspaceLock workspace) {
        String text = installText(install);
        String manager = install.call().name();
        String rootManifest = PathNames.join(workspace.root(), "package.json");
        String lockName = PathNames.fileName(workspace.lock());
        String where = workspace.inContext()
                ? "no COPY before the install brings it and the root's package.json beside the member's"
                : "it lies outside the build context " + BuildContexts.contextName(build);
        String memberFolder = PathNames.parent(workspace.member());
        String relativeMember = workspace.root().isEmpty() ? memberFolder
                : memberFolder.substring(workspace.root().length() + 1);
        String focused = switch (manager) {
            case "npm" -> text + " --workspace " + workspace.memberName();
            case "pnpm" -> text + " --filter " + workspace.memberName() + "...";
            default -> text;
        };
        String rootContext = workspace.root().isEmpty() ? "." : workspace.root();
        context.finding(this, build.dockerfile(), install.call().span(), "`" + text + "` runs in " + directory
                        + ", where `" + manifestCopy.text() + "` (line " + manifestCopy.line() + ") put "
                        + workspace.member() + ", a workspace of the " + manager + " workspace at "
                        + workspace.rootName() + ", whose one lock file is " + workspace.lock() + ": " + where
                        + ", and " + consequence(install.call()))
                .recommendation((workspace.inContext() ? "" : "Build from the workspace root (build context "
                                + rootContext + ", Dockerfile " + build.dockerfile() + "), then c")
                        + (workspace.inContext() ? "C" : "") + "opy " + rootManifest + " and " + lockName
                        + (manager.equals("pnpm") ? " and pnpm-workspace.yaml" : "") + " to the working folder and "
                        + workspace.member() + " to " + relativeMember + "/ under it before the install, and"
                        + " install the one workspace from there: `" + focused + "`.")
                .add();
    }

    /** Where a lock file comes from: the context path, and the copy that brings it (null for a bind mount). */
    private record Located(ContextCopy copy, String contextPath) {}

    /** The manifest of the project that a copy before the install puts in its folder, with the last such copy. */
    private static Optional<Located> manifestArriving(Project project, BuildLink build, List<ContextCopy> before,
            String directory, String manifestName) {
        for (ProjectEntry entry : project.layout().entries()) {
            String contextPath = BuildContexts.inContext(build, entry.path());
            if (entry.name().equals(manifestName) && contextPath != null) {
                Optional<Located> found = arriving(project, build, before, contextPath,
                        PathNames.join(directory, manifestName));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The last copy before the install that puts {@code contextPath} (present or not) at {@code containerPath}, or
     * else one that puts another context file there by name.
     */
    private static Optional<Located> arriving(Project project, BuildLink build, List<ContextCopy> before,
            String contextPath, String containerPath) {
        String wanted = ContainerPaths.clean(containerPath);
        Optional<Located> found = Optional.empty();
        for (ContextCopy copy : before) {
            if (BuildContexts.landing(project, build, copy, contextPath).stream()
                    .anyMatch(p -> ContainerPaths.clean(p).equals(wanted))) {
                found = Optional.of(new Located(copy, contextPath));
            } else {
                Optional<String> other = BuildContexts.source(project, build, copy, wanted);
                if (other.isPresent()) {
                    found = Optional.of(new Located(copy, other.get()));
                }
            }
        }
        return found;
    }

    /** Whether the copy names the file itself, not through a folder or a wildcard. */
    private static boolean named(Located located) {
        return located.copy().sources().stream().map(PathNames::normalizeRelative)
                .anyMatch(located.contextPath()::equals);
    }

    /** A bind mount of the RUN from the build context whose target is one of the lock files in the folder. */
    private static Optional<Located> mountedLock(RunStep run, Demand demand, String directory) {
        for (MountSpec mount : run.mounts()) {
            if (!mount.type().equals("bind") || mount.from().isPresent() || mount.target().isEmpty()) {
                continue;
            }
            String target = mount.target().get();
            String path = ContainerPaths.clean(target.startsWith("/") ? target : PathNames.join(directory, target));
            for (String lock : demand.locks()) {
                if (path.equals(ContainerPaths.clean(PathNames.join(directory, lock)))) {
                    String source = PathNames.normalizeRelative(mount.source().orElse(".").replaceFirst("^/+", ""));
                    return source == null || source.contains("$") ? Optional.empty()
                            : Optional.of(new Located(null, source));
                }
            }
        }
        return Optional.empty();
    }

    /** The .dockerignore pattern that leaves a context path out of the build, or null. */
    private static DockerIgnorePattern ignoring(BuildLink build, String contextPath) {
        return build.ignore() == null || build.ignore().includes(contextPath) ? null
                : build.ignore().matchingPattern(contextPath).orElse(null);
    }

    private static Optional<String> gitIgnored(Project project, String path) {
        return project.gitIgnoring(path).map(pattern -> PathNames.join(pattern.baseDir(), ".gitignore") + " line "
                + pattern.line() + ": " + pattern.text());
    }

    private static String installText(Install install) {
        Call call = install.call();
        StringBuilder text = new StringBuilder(call.name());
        call.args().stream().limit(4).forEach(a -> text.append(' ').append(a.value()));
        return text.toString();
    }

    private static String consequence(Call call) {
        return switch (call.name()) {
            case "npm" -> "npm ci stops with \"can only install with an existing package-lock.json or"
                    + " npm-shrinkwrap.json\" and the build fails";
            case "pnpm" -> "pnpm stops with ERR_PNPM_NO_LOCKFILE and the build fails";
            case "yarn" -> "yarn refuses to create yarn.lock under --immutable and the build fails";
            default -> "uv stops with \"Unable to find lockfile at uv.lock\" and the build fails";
        };
    }
}
