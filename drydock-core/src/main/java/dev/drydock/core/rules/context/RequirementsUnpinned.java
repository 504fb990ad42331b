package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PyProject;
import dev.drydock.core.manifest.RequirementsTxt;
import dev.drydock.core.manifest.Scope;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.NodeLocking;
import dev.drydock.core.rules.support.NodeWorkspaces;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UvWorkspaces;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "requirements-unpinned",
        title = "Dependencies are not locked",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The dependency manifests inside build contexts: requirements files whose requirements are not all"
                + " pinned with == (or ===) and that have neither hashes, a constraints file that pins them, nor a lock"
                + " file beside them; pyproject.toml and Pipfile with unpinned runtime dependencies and no lock file"
                + " (poetry.lock, uv.lock, pdm.lock, pylock.toml, Pipfile.lock, Rye's requirements.lock); package.json without a lock file"
                + " beside it or at the root of its npm, Yarn, pnpm or Bun workspace (one finding for a workspace,"
                + " at its root's package.json when that declares dependencies), naming the lock file and the locked"
                + " install of the package manager that installs it, told by the packageManager field, a"
                + " pnpm-workspace.yaml or the Dockerfile's install (yarn.lock with yarn install --immutable for Yarn"
                + " 2 and later, --frozen-lockfile for Yarn 1; pnpm-lock.yaml with pnpm install --frozen-lockfile;"
                + " bun.lock; else package-lock.json with npm ci); Gemfile without Gemfile.lock; composer.json without composer.lock; Cargo.toml and mix.exs without"
                + " Cargo.lock / mix.lock beside them or at the root of their workspace or umbrella; .NET projects and"
                + " Directory.Packages.props with floating versions (8.*) and no packages.lock.json. Development"
                + " requirement files (requirements-dev.txt ...) count only"
                + " when a Dockerfile names them; pip-tools inputs (requirements.in beside requirements.txt) never do."
                + " A lock file that a COPY of any build of the project names is taken to exist (a partial checkout).",
        problem = "Version ranges (`Flask>=2.3.0`) or no versions at all let every build resolve the newest releases"
                + " of the day, of the packages and of everything they depend on.",
        impact = "Two builds of the same commit install different code: a new major release breaks the image without"
                + " a change in the repository, a compromised release is picked up automatically, and an old image"
                + " cannot be rebuilt as it was.",
        recommendation = "Lock the whole dependency tree: compile pinned requirements with hashes (pip-tools, uv) or"
                + " commit the lock file of the package manager, and install from it in the Dockerfile"
                + " (`pip install --require-hashes -r`, `npm ci`, `bundle install` with the lock file).",
        references = {
                "https://pip.pypa.io/en/stable/topics/secure-installs/",
                "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
                "https://pip-tools.readthedocs.io/en/stable/",
                "https://docs.astral.sh/uv/concepts/projects/sync/",
                "https://docs.npmjs.com/cli/commands/npm-ci",
                "https://cheatsheetseries.owasp.org/cheatsheets/NPM_Security_Cheat_Sheet.html"},
        fix = FixSafety.SUGGESTION,
        effort = "30 min",
        examples = @RuleExample(
                file = "requirements.txt",
                bad = """
                        flask>=3.0
                        gunicorn
                        """,
                good = """
                        flask==3.0.3
                        gunicorn==23.0.0
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        CMD ["python", "app.py"]
                        """),
                        @ExampleFile(name = "app.py", content = """
                        print("hello")
                        """)}))
public final class RequirementsUnpinned implements Rule {

    private static final Pattern DEVELOPMENT_FILE = Pattern.compile("(?i).*(^|[-_./])(dev|devel|test|tests|testing|lint|docs|ci|typing)([-_.]|$).*");
    private static final int LISTED = 6;

    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (Container container : context.builtContainers()) {
            for (Manifest manifest : container.manifests()) {
                if (seen.add(manifest.file())) {
                    check(context, container, manifest);
                }
            }
        }
    }

    private void check(ReviewContext context, Container container, Manifest manifest) {
        switch (manifest.kind()) {
            case REQUIREMENTS_TXT -> requirements(context, container, manifest);
            case PYPROJECT_TOML, PIPFILE -> pythonProject(context, container, manifest);
            case PACKAGE_JSON -> packageJson(context, container, manifest);
            case GEMFILE -> withoutLock(context, container, manifest, "Gemfile.lock",
                    "Run `bundle lock` to create Gemfile.lock, commit it, and install with"
                            + " `bundle config set frozen true && bundle install` in the Dockerfile.");
            case COMPOSER_JSON -> withoutLock(context, container, manifest, "composer.lock",
                    "Run `composer update` once to create composer.lock, commit it, and install from it with"
                            + " `composer install --no-dev` in the Dockerfile (copy composer.json and composer.lock"
                            + " before the sources to keep the layer cached).");
            case CARGO_TOML -> {
                if (!lockAbove(context, manifest, Set.of("Cargo.lock"))) {
                    withoutLock(context, container, manifest, "Cargo.lock", "Run `cargo generate-lockfile` (or any cargo build)"
                            + " to create Cargo.lock, commit it, and build with `cargo build --release --locked` so"
                            + " that the build fails instead of resolving anew when the lock file is out of date.");
                }
            }
            case MIX_EXS -> {
                if (!lockAbove(context, manifest, Set.of("mix.lock"))) {
                    withoutLock(context, container, manifest, "mix.lock", "Run `mix deps.get` to create mix.lock and commit it;"
                            + " `mix deps.get` in the Dockerfile then fetches exactly the locked versions.");
                }
            }
            case DOTNET_PROJECT, DOTNET_PACKAGES_PROPS -> floating(context, manifest);
            default -> { }
        }
    }

    /**
     * NuGet resolves a plain version to itself (the lowest version the requirement allows), but a floating
     * version ({@code 8.*}) to the newest release of that day, unless packages.lock.json pins the graph.
     */
    private void floating(ReviewContext context, Manifest manifest) {
        if (manifest.hasLockFile()) {
            return;
        }
        List<Dependency> floating = manifest.dependencies().stream().filter(d -> d.constraint().contains("*")).toList();
        if (floating.isEmpty()) {
            return;
        }
        String examples = String.join(", ", floating.stream().limit(LISTED)
                .map(d -> d.name() + " " + d.constraint()).toList()) + (floating.size() > LISTED ? ", ..." : "");
        String message = manifest.file() + " floats " + (floating.size() == 1 ? "1 package" : floating.size()
                + " packages") + " (" + examples + ") and there is no packages.lock.json beside it: every restore"
                + " takes the newest release the pattern allows";
        context.finding(this, new Location(manifest.file(), floating.get(0).span()), message + ".")
                .recommendation("Write the version the application is tested with (Version=\"8.0.2\" rather than"
                        + " 8.*), or lock the whole graph: set <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>"
                        + " in the project, run dotnet restore, commit packages.lock.json, and restore with"
                        + " `dotnet restore --locked-mode` in the Dockerfile.")
                .add();
    }

    // ---- requirements files

    private void requirements(ReviewContext context, Container container, Manifest manifest) {
        Project project = context.project();
        String path = manifest.file();
        String name = PathNames.fileName(path);
        if (name.endsWith(".in") && project.files().exists(path.substring(0, path.length() - 3) + ".txt")) {
            return; // the pip-tools input; the compiled file is what gets installed
        }
        if (DEVELOPMENT_FILE.matcher(name).matches() && !namedByDockerfile(container, name)) {
            return;
        }
        if (manifest.hasLockFile()) {
            return;
        }
        RequirementsTxt requirements = parse(project, path).orElse(null);
        if (requirements == null || requirements.requireHashes() || requirements.allHashed()) {
            return;
        }
        Set<String> constrained = new HashSet<>();
        for (RequirementsTxt.Include include : requirements.includes()) {
            if (include.kind() == RequirementsTxt.IncludeKind.CONSTRAINTS) {
                String included = PathNames.normalizeRelative(PathNames.join(PathNames.parent(path), include.path()));
                if (included != null) {
                    parse(project, included).ifPresent(c -> c.requirements().stream()
                            .filter(RequirementsTxt.Requirement::isPinned)
                            .forEach(r -> constrained.add(r.normalizedName())));
                }
            }
        }
        List<RequirementsTxt.Requirement> loose = new ArrayList<>();
        int counted = 0;
        for (RequirementsTxt.Requirement r : requirements.requirements()) {
            if (r.name() == null || r.url() != null || r.editable()) {
                continue; // direct references (URLs, VCS, local paths) are pinned by what they name
            }
            counted++;
            if (!r.isPinned() && !constrained.contains(r.normalizedName())) {
                loose.add(r);
            }
        }
        if (loose.isEmpty()) {
            return;
        }
        // each kind of looseness with its own examples: "1 with a range: Django>=5.0,<5.1; 1 without any version: x"
        List<RequirementsTxt.Requirement> lowerOnly = loose.stream().filter(r -> r.lowerBound().isPresent()
                && r.specifiers().stream().noneMatch(s -> s.operator().equals("<") || s.operator().equals("<=")
                        || s.operator().equals("~=") || s.operator().equals("==")))
                .toList();
        List<RequirementsTxt.Requirement> none = loose.stream().filter(r -> r.specifiers().isEmpty()).toList();
        List<RequirementsTxt.Requirement> ranged = loose.stream()
                .filter(r -> !lowerOnly.contains(r) && !none.contains(r)).toList();
        List<String> kinds = new ArrayList<>();
        int[] listed = {0};
        kind(kinds, lowerOnly, lowerOnly.size() == loose.size() && loose.size() > 1 ? "all" : null,
                "with only a lower bound", listed);
        kind(kinds, none, null, "without any version", listed);
        kind(kinds, ranged, null, "with a range", listed);
        String how = String.join("; ", kinds);
        String which = loose.size() == counted
                ? (counted == 1 ? "The requirement in " + path + " is not" : "None of the " + counted + " requirements in "
                        + path + " is")
                : loose.size() + " of the " + counted + " requirements in " + path + (loose.size() == 1 ? " is not" : " are not");
        String message = which + " pinned (" + how + ") and there is no lock file, constraints"
                + " file or hash: every build installs the newest releases of that day, and of their dependencies, so"
                + " two builds of the same commit can differ";
        String stem = name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
        String input = PathNames.join(PathNames.parent(path), stem + ".in");
        String recommendation = "Move these ranges to " + input + " and compile the pinned " + path + " from it with"
                + " hashes: `pip-compile --generate-hashes -o " + path + " " + input + "` (pip-tools) or `uv pip compile"
                + " --generate-hashes " + input + " -o " + path + "`; commit both, install with `pip install"
                + " --no-cache-dir --require-hashes -r " + name + "`, and re-compile to upgrade. (`pip freeze > " + path
                + "` from a working virtualenv pins too, without hashes.)";
        context.finding(this, new Location(path, loose.get(0).span()), message + ".")
                .recommendation(recommendation)
                .add();
    }

    /** Adds "N with a range: a, b" for the requirements of one kind, listing at most {@link #LISTED} in all. */
    private static void kind(List<String> out, List<RequirementsTxt.Requirement> of, String count, String how,
            int[] listed) {
        if (of.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (RequirementsTxt.Requirement r : of) {
            if (listed[0] == LISTED) {
                names.add("...");
                break;
            }
            names.add(r.name() + r.constraint());
            listed[0]++;
        }
        out.add((count != null ? count : String.valueOf(of.size())) + " " + how + ": " + String.join(", ", names));
    }

    /** Whether a RUN of the build installs dependencies from a file of this name. */
    private static boolean namedByDockerfile(Container container, String name) {
        var build = container.build();
        if (build == null || build.model() == null || build.stage() == null) {
            return false;
        }
        for (RunStep run : RunStep.of(build.model(), Stages.needed(build.model(), build.stage()))) {
            for (DependencyInstalls.Install install : DependencyInstalls.of(run)) {
                if (install.manifests().stream().anyMatch(m -> PathNames.fileName(m).equals(name))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<RequirementsTxt> parse(Project project, String path) {
        try {
            Optional<SourceFile> source = project.source(path);
            return source.map(RequirementsTxt::parse);
        } catch (SourceException e) {
            return Optional.empty();
        }
    }

    // ---- other manifests

    private void pythonProject(ReviewContext context, Container container, Manifest manifest) {
        String dir = PathNames.parent(manifest.file());
        if (manifest.hasLockFile() || lockCopied(context, dir) || uvWorkspaceLockAbove(context, manifest)
                || manifest.kind() == ManifestKind.PYPROJECT_TOML && ryeLock(context, dir)) {
            return;
        }
        for (Manifest other : context.project().manifests()) {
            if (other.kind() == ManifestKind.REQUIREMENTS_TXT && PathNames.parent(other.file()).equals(dir)
                    && !other.dependencies().isEmpty() && other.dependencies().stream().allMatch(Dependency::pinned)) {
                return; // an exported, pinned requirements file is what the image installs
            }
        }
        List<Dependency> loose = manifest.dependencies().stream()
                .filter(d -> d.scope() == Scope.MAIN && !d.pinned() && !d.constraint().startsWith("@")).toList();
        if (loose.isEmpty()) {
            return;
        }
        boolean pipfile = manifest.kind() == ManifestKind.PIPFILE;
        String examples = String.join(", ", loose.stream().limit(LISTED)
                .map(d -> d.name() + (d.constraint().isEmpty() ? "" : " " + d.constraint())).toList())
                + (loose.size() > LISTED ? ", ..." : "");
        String message = manifest.file() + " declares " + loose.size() + " unpinned runtime dependencies (" + examples
                + ") and there is no lock file beside it: every build resolves them anew";
        String recommendation = pipfile
                ? "Run `pipenv lock` to create Pipfile.lock, commit it, and install with `pipenv install --deploy"
                        + " --system` in the Dockerfile."
                : lockAdvice(context, manifest);
        context.finding(this, new Location(manifest.file(), loose.get(0).span()), message + ".")
                .recommendation(recommendation)
                .add();
    }

    /** How to lock a pyproject.toml with the tool that manages the project (pip-tools when none does). */
    private static String lockAdvice(ReviewContext context, Manifest manifest) {
        String text = context.project().source(manifest.file()).map(SourceFile::text).orElse("");
        PyProject pyproject = null;
        try {
            pyproject = context.project().source(manifest.file()).map(PyProject::parse).orElse(null);
        } catch (SourceException e) {
            // unreadable TOML: the generic advice below
        }
        String backend = pyproject == null ? "" : pyproject.buildBackend().orElse("");
        if (pyproject != null && pyproject.usesPoetry()) {
            return "Run `poetry lock` and commit poetry.lock; install from it in the Dockerfile with `poetry install"
                    + " --only main --no-root` before the source is copied (and `poetry install --only-root` after).";
        }
        if (text.contains("[tool.uv") || backend.startsWith("uv_build")) {
            return "Run `uv lock` and commit uv.lock; install from it in the Dockerfile with `uv sync --locked --no-dev"
                    + " --no-install-project` before the source is copied (and `uv sync --locked --no-dev` after).";
        }
        if (text.contains("[tool.rye")) {
            return "Run `rye lock` and commit requirements.lock; install from it in the Dockerfile with `pip install"
                    + " --no-cache-dir -r requirements.lock` before the source is copied.";
        }
        if (text.contains("[tool.pdm") || backend.startsWith("pdm")) {
            return "Run `pdm lock` and commit pdm.lock; install from it in the Dockerfile with `pdm sync --prod`.";
        }
        String dir = PathNames.parent(manifest.file());
        String requirements = PathNames.join(dir, "requirements.txt");
        return "No tool with a lock file manages this project" + (backend.isEmpty() ? "" : " (it builds with " + backend
                + ")") + ": compile its dependencies into a pinned, hashed " + requirements + " (`pip-compile"
                + " --generate-hashes -o " + requirements + " " + manifest.file() + "` with pip-tools, or `uv pip"
                + " compile --generate-hashes " + manifest.file() + " -o " + requirements + "`) and commit it; in the"
                + " Dockerfile install it before the source with `pip install --no-cache-dir --require-hashes -r"
                + " requirements.txt`, then the project with `pip install --no-cache-dir --no-deps .`. Re-compile to"
                + " upgrade. (Or move the project to uv or Poetry and commit their lock file.)";
    }

    /** Rye's lock file of a pyproject.toml: every package of the tree pinned with ==, beside it. */
    private static final String RYE_LOCK = "requirements.lock";

    /** Whether Rye's requirements.lock is in {@code dir}, or a COPY of a build names it there (a partial checkout). */
    private static boolean ryeLock(ReviewContext context, String dir) {
        String path = PathNames.join(dir, RYE_LOCK);
        return context.project().files().exists(path) || context.builtContainers().stream().map(Container::build)
                .distinct().anyMatch(build -> copied(build, dir, Set.of(RYE_LOCK)));
    }

    /**
     * Whether a folder above the pyproject.toml is the root of a uv workspace with its uv.lock: the members of a
     * workspace share that one lock file ({@code uv sync --frozen --package api} installs a member from it).
     */
    private static boolean uvWorkspaceLockAbove(ReviewContext context, Manifest manifest) {
        for (String dir = PathNames.parent(manifest.file()); !dir.isEmpty(); ) {
            dir = PathNames.parent(dir);
            if (UvWorkspaces.lockedRoot(context, dir)) {
                return true;
            }
        }
        return false;
    }

    /** The lock files of npm, Yarn, pnpm and Bun, which a workspace keeps at its root for all its members. */
    private static final Set<String> JS_LOCK_FILES = LockFile.fileNames(Ecosystem.NPM);

    /**
     * Whether a lock file of one of these names sits in a folder above the manifest: the members of a Cargo
     * workspace, of a Mix umbrella or of an npm, Yarn, pnpm or Bun workspace share the one at its root.
     */
    private static boolean lockAbove(ReviewContext context, Manifest manifest, Set<String> lockNames) {
        for (String dir = PathNames.parent(manifest.file()); !dir.isEmpty(); ) {
            dir = PathNames.parent(dir);
            for (String lockName : lockNames) {
                if (context.project().layout().entry(PathNames.join(dir, lockName)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A package.json without the lock file of the package manager that installs it ({@link NodeLocking}), beside it
     * or at the root of its workspace. A workspace whose root's package.json is reviewed too is reported once, there.
     */
    private void packageJson(ReviewContext context, Container container, Manifest manifest) {
        if (lockAbove(context, manifest, JS_LOCK_FILES)) {
            return;
        }
        String file = manifest.file();
        String root = NodeWorkspaces.rootOf(context, file, "pnpm").or(() -> NodeWorkspaces.rootOf(context, file, "npm"))
                .orElse(null);
        if (root != null && reviewedWithDependencies(context, PathNames.join(root, "package.json"))) {
            return;
        }
        NodeLocking.Locking locking = NodeLocking.of(context, file, root, container);
        String lock = locking.lockFile();
        int members = NodeWorkspaces.memberManifests(context, PathNames.parent(file), locking.manager()).size();
        boolean workspace = root != null || members > 0;
        String missing = root == null ? "has no " + lock + " beside it" + (members == 0 ? ""
                        : members == 1 ? ", for itself and its workspace" : ", for itself and its " + members + " workspaces")
                : "belongs to the " + locking.manager() + " workspace at " + (root.isEmpty() ? "the project root"
                        : root + "/") + ", which has no " + lock;
        String copied = !workspace ? "package.json and " + lock
                : locking.manager().equals("pnpm") ? "the root's package.json, " + lock + " and pnpm-workspace.yaml, and"
                        + " each workspace's package.json"
                : "the root's package.json and " + lock + ", and each workspace's package.json";
        withoutLock(context, container, manifest, missing, root == null ? PathNames.parent(file) : root,
                "Run `" + locking.create() + "` once" + (workspace ? " at the workspace's root" : "") + " to create "
                        + lock + ", commit it, and install with `" + locking.lockedInstall() + "` in the Dockerfile"
                        + " (copy " + copied + " before the sources to keep the layer cached).");
    }

    /** Whether the package.json is a manifest of a reviewed build and declares dependencies (so it gets its finding). */
    private static boolean reviewedWithDependencies(ReviewContext context, String packageJson) {
        return context.builtContainers().stream().flatMap(c -> c.manifests().stream())
                .anyMatch(m -> m.file().equals(packageJson) && !m.dependencies().isEmpty());
    }

    private void withoutLock(ReviewContext context, Container container, Manifest manifest, String lockName,
            String recommendation) {
        withoutLock(context, container, manifest, "has no " + lockName + " beside it", PathNames.parent(manifest.file()),
                recommendation);
    }

    /**
     * The finding for a manifest without a lock file ({@code missing} says which and where), unless the manifest has
     * no dependencies or a build copies a lock file from {@code lockDir} (the project has one there).
     */
    private void withoutLock(ReviewContext context, Container container, Manifest manifest, String missing,
            String lockDir, String recommendation) {
        if (manifest.hasLockFile() || manifest.dependencies().isEmpty() || lockCopied(context, lockDir)) {
            return;
        }
        List<Dependency> ranges = manifest.dependencies().stream().filter(d -> !d.pinned() && !local(d)).toList();
        List<Dependency> registry = manifest.dependencies().stream().filter(d -> !local(d)).toList();
        List<Dependency> listed = !ranges.isEmpty() ? ranges : registry.isEmpty() ? manifest.dependencies() : registry;
        String examples = String.join(", ", listed.stream().limit(LISTED)
                .map(d -> (d.name() + " " + d.constraint()).strip()).toList()) + (listed.size() > LISTED ? ", ..." : "");
        int count = manifest.dependencies().size();
        String message = manifest.file() + " " + missing + ": every build resolves its "
                + (count == 1 ? "dependency" : count + " dependencies") + " ("
                + (ranges.isEmpty() || ranges.size() == count ? "" : ranges.size() + " without an exact version: ")
                + examples + ") and all of theirs anew"
                + (ranges.isEmpty() ? "; exact versions here do not pin the packages they depend on" : "");
        context.finding(this, new Location(manifest.file(), manifest.dependencies().get(0).span()), message + ".")
                .recommendation(recommendation)
                .add();
    }

    /** A package.json dependency on a package of the repository ({@code workspace:*}, {@code file:../lib}): no version to lock. */
    private static boolean local(Dependency dependency) {
        String c = dependency.constraint();
        return c.startsWith("workspace:") || c.startsWith("file:") || c.startsWith("link:") || c.startsWith("portal:");
    }

    private static final Set<String> LOCK_FILES = LockFile.fileNames(Ecosystem.NPM, Ecosystem.RUBYGEMS,
            Ecosystem.PACKAGIST, Ecosystem.CRATES, Ecosystem.HEX, Ecosystem.PYPI);

    /**
     * Whether a COPY or ADD of a build of the project names a lock file in {@code dir} by its literal name: the build
     * fails without it, so the project has one even where the files at hand lack it (a partial checkout).
     */
    private static boolean lockCopied(ReviewContext context, String dir) {
        return context.builtContainers().stream().map(Container::build).distinct()
                .anyMatch(build -> lockCopied(build, dir));
    }

    private static boolean lockCopied(BuildLink build, String dir) {
        return copied(build, dir, LOCK_FILES);
    }

    private static boolean copied(BuildLink build, String dir, Set<String> names) {
        if (build == null || build.model() == null) {
            return false;
        }
        for (Stage stage : build.model().stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (!copy.fromContext()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String path = PathNames.normalizeRelative(PathNames.join(build.context(), source.replaceFirst("^/+", "")));
                    if (path != null && names.contains(PathNames.fileName(path))
                            && PathNames.parent(path).equals(dir)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
