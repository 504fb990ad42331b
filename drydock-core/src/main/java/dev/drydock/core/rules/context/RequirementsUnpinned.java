package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.RequirementsTxt;
import dev.drydock.core.manifest.Scope;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
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
                + " (poetry.lock, uv.lock, pdm.lock, pylock.toml, Pipfile.lock); package.json without a lock file;"
                + " Gemfile without Gemfile.lock. Development requirement files (requirements-dev.txt ...) count only"
                + " when a Dockerfile names them; pip-tools inputs (requirements.in beside requirements.txt) never do.",
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
        effort = "30 min")
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
            case PYPROJECT_TOML, PIPFILE -> pythonProject(context, manifest);
            case PACKAGE_JSON -> withoutLock(context, manifest, "package-lock.json",
                    "Run `npm install` once to create package-lock.json (or use the lock file of yarn/pnpm), commit it,"
                            + " and install with `npm ci` in the Dockerfile (copy package.json and package-lock.json"
                            + " before the sources to keep the layer cached).");
            case GEMFILE -> withoutLock(context, manifest, "Gemfile.lock",
                    "Run `bundle lock` to create Gemfile.lock, commit it, and install with"
                            + " `bundle config set frozen true && bundle install` in the Dockerfile.");
            default -> { }
        }
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
        long lowerOnly = loose.stream().filter(r -> r.lowerBound().isPresent()
                && r.specifiers().stream().noneMatch(s -> s.operator().equals("<") || s.operator().equals("<=")
                        || s.operator().equals("~=") || s.operator().equals("==")))
                .count();
        long none = loose.stream().filter(r -> r.specifiers().isEmpty()).count();
        StringBuilder how = new StringBuilder();
        if (lowerOnly > 0) {
            how.append(lowerOnly == loose.size() && loose.size() > 1 ? "all" : lowerOnly).append(" with only a lower bound");
        }
        if (none > 0) {
            how.append(how.isEmpty() ? "" : ", ").append(none).append(" without any version");
        }
        long ranged = loose.size() - lowerOnly - none;
        if (ranged > 0) {
            how.append(how.isEmpty() ? "" : ", ").append(ranged).append(" with a range");
        }
        String examples = String.join(", ", loose.stream().limit(LISTED)
                .map(r -> r.name() + r.constraint()).toList()) + (loose.size() > LISTED ? ", ..." : "");
        String which = loose.size() == counted
                ? (counted == 1 ? "The requirement in " + path + " is not" : "None of the " + counted + " requirements in "
                        + path + " is")
                : loose.size() + " of the " + counted + " requirements in " + path + (loose.size() == 1 ? " is not" : " are not");
        String message = which + " pinned (" + how + ": " + examples + ") and there is no lock file, constraints"
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

    private void pythonProject(ReviewContext context, Manifest manifest) {
        if (manifest.hasLockFile()) {
            return;
        }
        String dir = PathNames.parent(manifest.file());
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
                : "Lock the project with the tool that manages it (`uv lock`, `poetry lock`, `pdm lock`) and commit the"
                        + " lock file; install from it in the Dockerfile (`uv sync --locked --no-dev`, `poetry install"
                        + " --only main`), or export pinned requirements with hashes (`uv export --format"
                        + " requirements-txt`) and `pip install --require-hashes -r` them.";
        context.finding(this, new Location(manifest.file(), loose.get(0).span()), message + ".")
                .recommendation(recommendation)
                .add();
    }

    private void withoutLock(ReviewContext context, Manifest manifest, String lockName, String recommendation) {
        if (manifest.hasLockFile() || manifest.dependencies().isEmpty()) {
            return;
        }
        List<Dependency> ranges = manifest.dependencies().stream().filter(d -> !d.pinned()).toList();
        String examples = String.join(", ", (ranges.isEmpty() ? manifest.dependencies() : ranges).stream().limit(LISTED)
                .map(d -> d.name() + " " + d.constraint()).toList());
        int count = manifest.dependencies().size();
        String message = manifest.file() + " has no " + lockName + " beside it: every build resolves its "
                + (count == 1 ? "dependency" : count + " dependencies") + " (" + examples + ") and all of theirs anew"
                + (ranges.isEmpty() ? "; exact versions here do not pin the packages they depend on" : "");
        context.finding(this, new Location(manifest.file(), manifest.dependencies().get(0).span()), message + ".")
                .recommendation(recommendation)
                .add();
    }
}
