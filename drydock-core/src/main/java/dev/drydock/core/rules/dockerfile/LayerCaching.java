package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.Glob;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.MountSpec;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.MsBuildProject;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.NodeWorkspaces;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UvWorkspaces;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "layer-caching",
        title = "Dependencies are reinstalled on every source change",
        severity = Severity.MEDIUM,
        category = Category.PERFORMANCE,
        checks = "In every stage a build uses, each dependency install that reads a manifest (pip install -r, uv"
                + " sync, poetry install, pipenv install/sync, npm ci/install, yarn, pnpm install, bundle install,"
                + " composer install, go mod download, mvn dependency:go-offline, dotnet restore, cargo fetch, cargo"
                + " chef cook of a recipe copied from the planner stage, cargo build of a placeholder src/main.rs,"
                + " mix deps.get) and the COPY that last brought that manifest into the stage. A finding when that COPY copies the whole source (COPY . ., *, or a"
                + " folder holding the manifest): it is reported at that COPY. A strength when the manifest was"
                + " copied on its own (or bind-mounted into the RUN) and installed before the source arrives. A pip"
                + " install of the project itself (pip install ., pip install -e .) without --no-deps installs its"
                + " dependencies too: it is a finding at the last COPY of source before it, unless an earlier install"
                + " in the stage already brought the dependencies; likewise uv sync (poetry install) after an earlier"
                + " uv sync --no-install-project (poetry install --no-root) only adds the project. A second install"
                + " from a manifest the lineage already installed on its own (npm ci --omit=dev after the build, to"
                + " prune) is not judged again, nor is a pnpm install after a pnpm fetch that ran with the lockfile"
                + " copied on its own (pnpm fetch reads pnpm-lock.yaml alone and fills the store the install links"
                + " from). The same install in the same folder behind the same COPY (yarn install, then again for"
                + " production) makes one finding. An install runs in the WORKDIR, where a cd before it goes, or the"
                + " folder it names itself (npm --prefix, yarn --cwd, pnpm -C, go -C, poetry -C/--directory/--project,"
                + " uv --directory/--project, composer -d, bundle install --gemfile, mvn -f, cargo --manifest-path);"
                + " a COPY into another folder of the image cannot bring its manifest and is passed over. For Maven and"
                + " Gradle, a COPY of src/ between the build file's own COPY and the dependency download is a finding"
                + " at that COPY too. For dotnet restore of a project file, the advice also copies the project files"
                + " it references (its ProjectReference items, and theirs), each into its folder, which restore"
                + " reads as well. The unsafe fix, for npm, yarn, pnpm, bun, pip install -r, bundle install and go"
                + " mod download run in the WORKDIR, turns the broad COPY into a COPY of the manifests, lock file and"
                + " installer configuration (.npmrc, .yarnrc, bunfig.toml) with the same --chown, --chmod and --link, and"
                + " moves it below the install: only where the RUN does nothing else (system packages and cache"
                + " cleaning aside), only ENV, ARG, LABEL, EXPOSE, USER, SHELL or HEALTHCHECK stand between them, and"
                + " the manifest reads nothing else of the source (no install or prepare script, workspace, file: or"
                + " local-path dependency, -r/-c/-e include, gemspec or path gem, local go.mod replace, go.work,"
                + " .yarnrc.yml); unsafe, because a file the install needs that drydock cannot see would be missing.",
        problem = "Docker reuses a layer only while everything before it is unchanged. When the whole source is"
                + " copied before the dependencies are installed, any edit to any file invalidates the install layer.",
        impact = "Every code change reinstalls (and downloads) every dependency: builds take minutes instead of"
                + " seconds, CI costs more, and a registry hiccup fails builds that changed one line.",
        recommendation = "Copy only the dependency manifest (and lock file), install, and copy the rest of the"
                + " source afterwards.",
        references = {
                "https://docs.docker.com/build/cache/optimize/#order-your-layers",
                "https://docs.docker.com/build/building/best-practices/#leverage-build-cache",
                "https://docs.docker.com/build/cache/"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        strength = "Dependencies installed before the source",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        CMD ["python", "app.py"]
                        """,
                alongside = @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        """)))
public final class LayerCaching implements Rule {

    /** Files that describe a Python project rather than hold its code. */
    private static final Pattern PROJECT_METADATA = Pattern.compile(
            "(?i)(readme|license|licence|copying|notice|changelog)(\\.[a-z]+)?|manifest\\.in|requirements[^/]*\\.(txt|in)"
                    + "|[^/]*\\.lock|pylock\\.toml|setup\\.cfg|setup\\.py|pyproject\\.toml");

    /** A dependency install and how its manifest got into the stage. */
    private record Outcome(DependencyInstalls.Install install, RunStep run, Instruction copy, boolean good,
            boolean mounted) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Map<DependencyInstalls.Install, Outcome> outcomes = new LinkedHashMap<>();
            Map<CommandSpec, Boolean> seenRuns = new IdentityHashMap<>();
            Map<Stage, StageEnd> ends = new IdentityHashMap<>();
            for (Stage stage : image.neededStages()) {
                evaluate(context.project(), image, stage, outcomes, seenRuns, ends);
            }
            List<Outcome> bad = outcomes.values().stream().filter(o -> !o.good()).toList();
            List<Outcome> reported = new ArrayList<>();
            for (Outcome o : bad) {
                if (reported.stream().anyMatch(r -> sameFinding(r, o))) {
                    continue;
                }
                reported.add(o);
                report(context, image, o, bad.stream().filter(other -> sameFinding(o, other))
                        .map(other -> other.run().instruction().span().startLine()).distinct().toList());
            }
            if (bad.isEmpty()) {
                outcomes.values().stream().filter(Outcome::good).findFirst()
                        .ifPresent(o -> strength(context, image, o));
            }
        }
    }

    /** The COPYs of the build context so far, the latest first; shared by the stages built on one another. */
    private record Copies(CopyCommand copy, Copies earlier) {}

    /** Where a walk of the stages ends at a stage: the COPYs so far and whether a RUN so far installs dependencies. */
    private record StageEnd(Copies copies, boolean installed) {}

    /**
     * Judges the installs of the target's lineage not judged before; the walk starts after the latest stage
     * of the lineage walked before ({@code ends}), where it stood then.
     */
    private void evaluate(Project project, BuiltImage image, Stage target, Map<DependencyInstalls.Install, Outcome> out,
            Map<CommandSpec, Boolean> seenRuns, Map<Stage, StageEnd> ends) {
        List<Stage> lineage = Stages.inImage(image.model(), target);
        int from = lineage.size();
        while (from > 0 && !ends.containsKey(lineage.get(from - 1))) {
            from--;
        }
        StageEnd start = from == 0 ? new StageEnd(null, false) : ends.get(lineage.get(from - 1));
        Copies copies = start.copies();
        boolean installedBefore = start.installed();
        Set<String> dependenciesOnly = new HashSet<>();
        for (Stage stage : lineage.subList(from, lineage.size())) {
            Map<Instruction, CopyCommand> copyOf = new IdentityHashMap<>();
            stage.copies().forEach(c -> copyOf.put(c.instruction(), c));
            Map<Instruction, CommandSpec> runOf = new IdentityHashMap<>();
            stage.runs().forEach(r -> runOf.put(r.instruction(), r));
            for (var step : stage.steps()) {
                CopyCommand copy = copyOf.get(step.instruction());
                if (copy != null && copy.heredocs().isEmpty() && (copy.fromContext() || copy.fromStage() >= 0)) {
                    copies = new Copies(copy, copies);
                    continue;
                }
                CommandSpec spec = runOf.get(step.instruction());
                if (spec == null) {
                    continue;
                }
                if (seenRuns.containsKey(spec)) { // judged with an earlier target; only whether it installs matters
                    installedBefore |= seenRuns.get(spec);
                    continue;
                }
                RunStep run = RunStep.of(image.model(), stage, spec);
                List<DependencyInstalls.Install> installs = withPrefetches(run);
                seenRuns.put(spec, !installs.isEmpty());
                for (DependencyInstalls.Install install : installs) {
                    String directory = DependencyInstalls.directory(run, install);
                    Outcome outcome = !install.project()
                            ? cachedBefore(install, directory, lineage, out)
                                    || addsProjectOnly(install, dependenciesOnly) ? null
                                    : judge(project, image, install, run, copies, directory)
                            : installedBefore ? null : judgeProject(install, run, copies);
                    if (outcome != null) {
                        out.put(install, outcome);
                    }
                    installedBefore = true;
                    if (dependenciesOnly(install)) {
                        dependenciesOnly.add(install.text());
                    }
                }
            }
            ends.put(stage, new StageEnd(copies, installedBefore));
        }
    }

    /**
     * The RUN's dependency installs with its {@code pnpm fetch}, which downloads what pnpm-lock.yaml lists into
     * pnpm's store without reading package.json: copied with the lockfile alone, it is the cached dependency layer
     * that a pnpm install after the source then links from.
     */
    private static List<DependencyInstalls.Install> withPrefetches(RunStep run) {
        List<DependencyInstalls.Install> installs = new ArrayList<>(DependencyInstalls.of(run));
        for (Call call : run.calls("pnpm")) {
            List<Call.Arg> operands = call.options("--filter", "-C", "--dir", "--store-dir").operands();
            if (!operands.isEmpty() && operands.get(0).value().equals("fetch")) {
                installs.add(new DependencyInstalls.Install(call, "pnpm fetch", List.of(LockFile.PNPM_LOCK_YAML.fileName())));
            }
        }
        installs.sort(Comparator.comparingInt(i -> i.call().span().start()));
        return installs;
    }

    /**
     * Whether the lineage already installed from the same manifest, copied on its own, before: a second install
     * after the source (npm ci --omit=dev once the build is done, to drop the build tools) prunes what the cached
     * layer brought rather than reinstalling on every change; after pnpm fetch, pnpm install links from the store.
     */
    private static boolean cachedBefore(DependencyInstalls.Install install, String directory, List<Stage> lineage,
            Map<DependencyInstalls.Install, Outcome> judged) {
        return judged.values().stream().anyMatch(o -> o.good() && lineage.contains(o.run().stage())
                && o.install().call().name().equals(install.call().name())
                && (o.install().manifest().equals(install.manifest()) || o.install().text().equals("pnpm fetch"))
                && sameFolder(DependencyInstalls.directory(o.run(), o.install()), directory));
    }

    /** Whether two installs work in the same folder of the image, or drydock cannot tell one of them. */
    private static boolean sameFolder(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    /**
     * The COPY that last brought the install's manifest into the stage decides: a copy of the whole source is a
     * finding, the manifest on its own is good. A COPY into another folder of the image than the one the manifest is
     * read from (COPY server/ server/ before npm ci --prefix client) cannot have brought it and is passed over.
     */
    private static Outcome judge(Project project, BuiltImage image, DependencyInstalls.Install install, RunStep run,
            Copies copies, String directory) {
        if (bindMounted(run, install)) {
            return new Outcome(install, run, null, true, true);
        }
        String manifest = directory == null || Glob.hasWildcards(PathNames.parent(install.manifest())) ? null
                : PathNames.normalizeAbsolute(directory, install.manifest());
        CopyCommand sourceTree = null;
        for (Copies c = copies; c != null; c = c.earlier()) {
            CopyCommand copy = c.copy();
            if (!copy.fromContext() && !fromStage(install)) {
                continue;
            }
            if (copy.fromContext() && broad(project, image, copy, install.manifest()) && reaches(copy, manifest, true)) {
                return new Outcome(install, run, copy.instruction(), false, false);
            }
            if (provides(copy, install.manifest()) && reaches(copy, manifest, false)) {
                return sourceTree != null ? new Outcome(install, run, sourceTree.instruction(), false, false)
                        : new Outcome(install, run, copy.instruction(), true, false);
            }
            if (copy.fromContext() && sourceTree == null && copiesJvmSourceTree(install, copy)) {
                sourceTree = copy;
            }
        }
        return null;
    }

    /**
     * Whether the COPY brings Maven's or Gradle's source tree (src/) in: between the build file's own COPY and the
     * dependency download it makes every source edit download the dependencies again.
     */
    private static boolean copiesJvmSourceTree(DependencyInstalls.Install install, CopyCommand copy) {
        return install.call().is("mvn", "mvnw", "gradle", "gradlew")
                && copy.sources().stream().map(LayerCaching::clean).anyMatch(s -> s.equals("src"));
    }

    /**
     * Whether the COPY can write the manifest at {@code manifest}, its path in the image: a folder of the source (or all
     * of it) copied to that path's folder or one above, a file copied to that path or into its folder. True when
     * drydock cannot tell where either goes.
     */
    private static boolean reaches(CopyCommand copy, String manifest, boolean folder) {
        String into = copy.containerPath();
        if (manifest == null || into == null || into.contains("$")) {
            return true;
        }
        String destination = ContainerPaths.clean(into);
        return folder ? PathNames.isUnder(manifest, destination)
                : destination.equals(manifest) || destination.equals(PathNames.parent(manifest));
    }

    /** Installs that can leave the project itself out, with the option that does: uv sync, poetry install. */
    private static final Map<String, String> PROJECT_LEFT_OUT_BY = Map.of("uv sync", "--no-install-project",
            "poetry install", "--no-root", "poetry sync", "--no-root");

    /** Whether the install brings the dependencies alone ({@code uv sync --no-install-project}). */
    private static boolean dependenciesOnly(DependencyInstalls.Install install) {
        String option = PROJECT_LEFT_OUT_BY.get(install.text());
        return option != null && install.call().options().has(option);
    }

    /**
     * Whether the install only adds the project to dependencies an earlier install of the stage brought
     * (uv's intermediate layers: uv sync --no-install-project with the manifests bind-mounted, the source
     * copied, then uv sync): it needs the source, and its layer is the project's, not the dependencies'.
     */
    private static boolean addsProjectOnly(DependencyInstalls.Install install, Set<String> dependenciesOnly) {
        return PROJECT_LEFT_OUT_BY.containsKey(install.text()) && !dependenciesOnly(install)
                && dependenciesOnly.contains(install.text());
    }

    /** An install whose manifest another stage writes: cargo chef cook reads the recipe cargo chef prepare made. */
    private static boolean fromStage(DependencyInstalls.Install install) {
        return install.call().is("cargo") && install.text().equals("cargo chef cook");
    }

    /**
     * A project install ({@code pip install .}) needs the source, so it is fine only where an earlier install
     * brought the dependencies; without one, the last COPY of source before it decides when it reruns.
     */
    private static Outcome judgeProject(DependencyInstalls.Install install, RunStep run, Copies copies) {
        for (Copies c = copies; c != null; c = c.earlier()) {
            CopyCommand copy = c.copy();
            if (copy.fromContext() && copy.sources().stream().map(LayerCaching::clean).anyMatch(s -> !metadata(s, install))) {
                return new Outcome(install, run, copy.instruction(), false, false);
            }
        }
        return null;
    }

    /** Whether a COPY source is one of the files that describe a Python project rather than its code. */
    private static boolean metadata(String source, DependencyInstalls.Install install) {
        if (source.isEmpty() || source.equals("*")) {
            return false;
        }
        String name = PathNames.fileName(source);
        return install.manifests().stream().anyMatch(m -> matches(source, m))
                || PROJECT_METADATA.matcher(name).matches();
    }

    /**
     * The same install in the same folder behind the same COPY (yarn install, then again for production): one finding
     * says both.
     */
    private static boolean sameFinding(Outcome a, Outcome b) {
        return a.copy() == b.copy() && a.install().text().equals(b.install().text())
                && a.install().project() == b.install().project()
                && Objects.equals(DependencyInstalls.directory(a.run(), a.install()),
                        DependencyInstalls.directory(b.run(), b.install()));
    }

    private void report(ReviewContext context, BuiltImage image, Outcome o, List<Integer> installLines) {
        Instruction copy = o.copy();
        String copyText = copy.rawText().strip().replaceAll("\\s*\\\\\\s*\\n\\s*", " ");
        int installLine = o.run().instruction().span().startLine();
        if (o.install().project()) {
            reportProject(context, image, o, copyText, installLine);
            return;
        }
        CopyCommand copied = copyCommand(image, o);
        if (copied != null && copiesJvmSourceTree(o.install(), copied)) {
            context.finding(this, new Location(image.dockerfile(), copy.span()), copyText + " (line "
                            + copy.span().startLine() + ") brings the source tree in before " + o.install().text()
                            + " (line " + installLine + "), so the separate COPY of " + o.install().manifest()
                            + " gains nothing: any change to any file in src invalidates the dependency layer, and"
                            + " every build downloads every dependency again")
                    .recommendation("Move " + copyText + " after the RUN of " + o.install().text() + " (line "
                            + installLine + "), right before the build itself; source edits then reuse the cached"
                            + " dependency layer.")
                    .add();
            return;
        }
        String lines = installLines.size() == 1 ? "line " + installLine
                : "lines " + String.join(", ", installLines.stream().map(String::valueOf).toList());
        List<String> folders = copiedFolders(copy);
        String message = copyText + " (line " + copy.span().startLine() + ") copies "
                + (folders.isEmpty() ? "the whole source" : "the whole folder " + String.join(", ", folders))
                + " before " + o.install().text() + " (" + lines + "): any change to any file "
                + (folders.isEmpty() ? "" : "in it ") + "invalidates the dependency layer, so every build reinstalls"
                + " every package";
        String runsIn = installDirectory(o);
        String command = asWritten(o);
        List<String> references = referencedProjectCopies(context, image, o);
        String copyManifests = manifestCopies(context, image, o, runsIn)
                + (references.isEmpty() ? "" : " and the project files it references, which dotnet restore reads too"
                        + " (" + String.join(", ", references) + ")")
                + (runsIn == null ? "" : " (" + o.install().text() + " runs in " + runsIn + ")");
        List<String> workspaceMembers = uvWorkspaceMembers(context, image, o.install(), contextFolder(image, o, runsIn));
        String pnpmWorkspace = pnpmWorkspaceFolder(context, image, o, runsIn);
        String recommendation = fromStage(o.install())
                ? "Cook the dependencies from the recipe alone: move " + copyText + " after the RUN of "
                        + o.install().text() + " (the recipe copied from the planner stage is all it reads); source"
                        + " edits then reuse the cached dependency layer."
                : o.install().call().is("composer")
                ? "Copy the manifest on its own and install the packages before the source, without the scripts and"
                        + " the autoloader that need the application's code (a framework's post-autoload-dump"
                        + " scripts, such as Laravel's artisan package:discover): " + copyManifests + ", RUN "
                        + command + " --no-scripts --no-autoloader, then " + copyText + " and RUN composer"
                        + " dump-autoload --optimize, which writes the autoloader and runs the scripts; source edits"
                        + " then reuse the cached dependency layer."
                : workspaceMembers != null
                ? "Install the dependencies alone before the source: " + copyManifests + " and each member's"
                        + " pyproject.toml into its folder (" + String.join(", ", workspaceMembers.stream()
                                .map(m -> "COPY " + m + " " + PathNames.parent(m) + "/").toList()) + "), RUN "
                        + command + " --no-install-workspace, then " + copyText + " and RUN "
                        + command + " again, which only adds the workspace's own packages; source edits"
                        + " then reuse the cached dependency layer."
                : pnpmWorkspace != null
                ? "Fetch the packages from the lockfile alone before the source, which is what pnpm fetch is for in a"
                        + " workspace (it reads no package.json, so the members' manifests need not be copied one by"
                        + " one): COPY " + pnpmWorkspace + LockFile.PNPM_LOCK_YAML.fileName() + " " + pnpmWorkspace
                        + "pnpm-workspace.yaml " + destination(o.run(), runsIn) + ", RUN pnpm fetch, then " + copyText
                        + " and RUN " + command
                        + " --offline, which links every member's packages from the store without downloading; source"
                        + " edits then reuse the cached fetch layer."
                : PROJECT_LEFT_OUT_BY.containsKey(o.install().text())
                ? "Install the dependencies alone before the source: " + copyManifests + ", RUN " + command
                        + " " + PROJECT_LEFT_OUT_BY.get(o.install().text()) + ", then " + copyText + " and RUN "
                        + command + " again, which only adds the project; source edits then reuse the"
                        + " cached dependency layer."
                : "Copy the manifest on its own and install before the source: " + copyManifests + ", RUN "
                        + command + ", then " + copyText + " for the rest; source edits then reuse the"
                        + " cached dependency layer.";
        boolean plain = !fromStage(o.install()) && !o.install().call().is("composer") && workspaceMembers == null
                && pnpmWorkspace == null && !PROJECT_LEFT_OUT_BY.containsKey(o.install().text()) && runsIn == null;
        context.finding(this, new Location(image.dockerfile(), copy.span()), message)
                .recommendation(recommendation)
                .fix(plain && copied != null && installLines.size() == 1 ? ManifestFirst.fix(context.project(), image,
                        copied, o.run(), o.install(), manifestCopyList(context, image, o, runsIn),
                        contextFolder(image, o, runsIn)) : null)
                .add();
    }

    /**
     * The COPYs that bring the install's manifests in on their own: each from the context folder that the broad COPY
     * puts in the folder the install runs in, to that folder ("./" for the WORKDIR, else its path, "ui/" under the
     * WORKDIR or "/src/app/ui/"); a manifest named by a path (pip install -r backend/requirements.txt) keeps its folder.
     */
    private static String manifestCopies(ReviewContext context, BuiltImage image, Outcome o, String runsIn) {
        return String.join(" and ", manifestCopyList(context, image, o, runsIn));
    }

    private static List<String> manifestCopyList(ReviewContext context, BuiltImage image, Outcome o, String runsIn) {
        List<String> throughCopy = copiesThroughBroadCopy(context, image, o);
        if (throughCopy != null) {
            return throughCopy;
        }
        String manifest = o.install().manifest();
        String folder = contextFolder(image, o, runsIn);
        if (manifest.contains("/") && runsIn == null) {
            String copied = folderOf(o.copy(), manifest);
            // an install that names the manifest by its path in the context (dotnet restore src/Api/Api.csproj) needs no prefix
            if (!copied.isEmpty() && PathNames.isUnder(manifest, copied.substring(0, copied.length() - 1))) {
                folder = "";
            }
        }
        String destination = destination(o.run(), runsIn);
        String prefix = folder;
        Map<String, List<String>> byDestination = new LinkedHashMap<>();
        for (String m : o.install().manifests()) {
            if (!m.equals(manifest) && !exists(context.project(), image, prefix + m)) {
                continue;
            }
            String into = m.contains("/") ? destinationPath(destination, PathNames.parent(m)) : destination;
            byDestination.computeIfAbsent(into, k -> new ArrayList<>()).add(prefix + m);
        }
        return byDestination.entrySet().stream()
                .map(e -> "COPY " + String.join(" ", e.getValue()) + " " + e.getKey()).toList();
    }

    /**
     * The COPYs that bring the install's manifests in on their own, found by following each manifest's path in the
     * image back through the broad COPY to its path in the build context: pip install -r
     * /usr/src/app/requirements.txt after COPY . /usr/src/app gives COPY requirements.txt /usr/src/app/. The
     * destination is the manifest's folder in the image, "./" or relative when it is the WORKDIR or below it. Null
     * when drydock cannot tell where the install runs or where a single-source COPY puts the source.
     */
    private static List<String> copiesThroughBroadCopy(ReviewContext context, BuiltImage image, Outcome o) {
        String directory = DependencyInstalls.directory(o.run(), o.install());
        CopyCommand copy = copyCommand(image, o);
        if (directory == null || copy == null || copy.sources().size() != 1 || copy.containerPath() == null
                || copy.containerPath().contains("$") || Glob.hasWildcards(copy.sources().get(0))) {
            return null;
        }
        String target = ContainerPaths.clean(copy.containerPath());
        String source = clean(copy.sources().get(0));
        String workdir = ContainerPaths.clean(o.run().workdir());
        Map<String, List<String>> byDestination = new LinkedHashMap<>();
        for (String m : o.install().manifests()) {
            String inImage = PathNames.normalizeAbsolute(directory, m);
            if (!PathNames.isUnder(inImage, target) || inImage.equals(target)) {
                if (m.equals(o.install().manifest())) {
                    return null;
                }
                continue;
            }
            String inContext = PathNames.join(source, inImage.substring(target.equals("/") ? 1 : target.length() + 1));
            if (!m.equals(o.install().manifest()) && !exists(context.project(), image, inContext)) {
                continue;
            }
            String folder = PathNames.parent(inImage);
            String into = folder.equals(workdir) ? "./"
                    : !workdir.equals("/") && PathNames.isUnder(folder, workdir)
                    ? folder.substring(workdir.length() + 1) + "/" : folder.equals("/") ? "/" : folder + "/";
            byDestination.computeIfAbsent(into, k -> new ArrayList<>()).add(inContext);
        }
        return byDestination.entrySet().stream()
                .map(e -> "COPY " + String.join(" ", e.getValue()) + " " + e.getKey()).toList();
    }

    /**
     * The COPYs of the project files a restored .NET project references (its ProjectReference items, and theirs in
     * turn), each into its folder in the image as the broad COPY puts it there: dotnet restore reads every one of them
     * and stops (NU1105) when one is missing. Empty for other installs, a solution, or when drydock cannot tell where
     * the broad COPY puts the files.
     */
    private static List<String> referencedProjectCopies(ReviewContext context, BuiltImage image, Outcome o) {
        String directory = DependencyInstalls.directory(o.run(), o.install());
        CopyCommand copy = copyCommand(image, o);
        String manifest = o.install().manifest();
        if (!o.install().text().equals("dotnet restore") || directory == null || copy == null
                || copy.sources().size() != 1 || copy.containerPath() == null || copy.containerPath().contains("$")
                || Glob.hasWildcards(copy.sources().get(0)) || !MsBuildProject.isProjectFileName(PathNames.fileName(manifest))) {
            return List.of();
        }
        String target = ContainerPaths.clean(copy.containerPath());
        String source = clean(copy.sources().get(0));
        String inImage = PathNames.normalizeAbsolute(directory, manifest);
        if (!PathNames.isUnder(inImage, target)) {
            return List.of();
        }
        String buildContext = image.container().build().context();
        String project = restoredProject(context.project(), buildContext,
                PathNames.join(source, inImage.substring(target.equals("/") ? 1 : target.length() + 1)));
        if (project == null) {
            return List.of();
        }
        String workdir = ContainerPaths.clean(o.run().workdir());
        String sourceInProject = PathNames.join(buildContext, source);
        List<String> copies = new ArrayList<>();
        for (String referenced : referencedProjects(context.project(), project)) {
            if (!sourceInProject.isEmpty() && !PathNames.isUnder(referenced, sourceInProject)) {
                return List.of(); // outside what the broad COPY brings: the build does not have it either
            }
            String inSource = sourceInProject.isEmpty() ? referenced : referenced.substring(sourceInProject.length() + 1);
            String folder = PathNames.parent(PathNames.normalizeAbsolute(target, inSource));
            String into = folder.equals(workdir) ? "./"
                    : !workdir.equals("/") && PathNames.isUnder(folder, workdir)
                    ? folder.substring(workdir.length() + 1) + "/" : folder.equals("/") ? "/" : folder + "/";
            String inContext = buildContext == null || buildContext.isEmpty() || buildContext.equals(".") ? referenced
                    : referenced.substring(buildContext.length() + 1);
            copies.add("COPY " + inContext + " " + into);
        }
        return copies;
    }

    /** The project file (its path in the project) that a path of the context names, or matches as a pattern, alone. */
    private static String restoredProject(Project project, String buildContext, String inContext) {
        String path = PathNames.join(buildContext == null || buildContext.equals(".") ? "" : buildContext, inContext);
        if (!Glob.hasWildcards(PathNames.fileName(path))) {
            return project.layout().entry(path).isPresent() ? path : null;
        }
        List<String> matching = project.layout().manifestsIn(PathNames.parent(path)).stream().map(ProjectEntry::path)
                .filter(p -> MsBuildProject.isProjectFileName(PathNames.fileName(p))
                        && Glob.matches(PathNames.fileName(path), PathNames.fileName(p)))
                .toList();
        return matching.size() == 1 ? matching.get(0) : null;
    }

    /** The projects a project file references, directly or through the ones it references, in the order found. */
    private static List<String> referencedProjects(Project project, String root) {
        Set<String> seen = new java.util.LinkedHashSet<>(List.of(root));
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(root));
        while (!queue.isEmpty() && seen.size() < 200) {
            String current = queue.poll();
            var file = project.source(current);
            if (file.isEmpty()) {
                continue;
            }
            List<String> references;
            try {
                references = MsBuildProject.parse(file.get(), List.of()).projectReferences();
            } catch (dev.drydock.core.source.SourceException e) {
                continue;
            }
            for (String reference : references) {
                String resolved = PathNames.normalizeAbsolute("/" + PathNames.parent(current), reference).substring(1);
                if (!reference.contains("$(") && project.layout().entry(resolved).isPresent() && seen.add(resolved)) {
                    queue.add(resolved);
                }
            }
        }
        seen.remove(root);
        return List.copyOf(seen);
    }

    /**
     * The folder of the image the install runs in (the WORKDIR, where a cd before it in the RUN goes, or the folder
     * its own option names: npm --prefix, yarn --cwd ...) when it is not the WORKDIR of the RUN; null when it is, or
     * when drydock cannot tell.
     */
    private static String installDirectory(Outcome o) {
        String directory = DependencyInstalls.directory(o.run(), o.install());
        return directory == null || directory.equals(ContainerPaths.clean(o.run().workdir())) ? null : directory;
    }

    /**
     * The context folder ("" for the root, else ending with "/") the broad COPY copies into the folder the install
     * runs in: COPY service/ /app/ with the install in /app gives "service/", COPY . /src with it in /src/ui gives
     * "ui/"; the COPY's first source folder when the install runs outside its destination.
     */
    private static String contextFolder(BuiltImage image, Outcome o, String runsIn) {
        String copied = folderOf(o.copy(), o.install().manifest());
        String directory = runsIn != null ? runsIn : ContainerPaths.clean(o.run().workdir());
        CopyCommand copy = copyCommand(image, o);
        if (copy == null || copy.containerPath() == null) {
            return copied;
        }
        String target = ContainerPaths.clean(copy.containerPath());
        if (!PathNames.isUnder(directory, target)) {
            return copied;
        }
        String below = directory.equals(target) ? "" : directory.substring(target.equals("/") ? 1 : target.length() + 1);
        return below.isEmpty() ? copied : copied + below + "/";
    }

    private static CopyCommand copyCommand(BuiltImage image, Outcome o) {
        return image.model().stages().stream().flatMap(s -> s.copies().stream())
                .filter(c -> c.instruction() == o.copy()).findFirst().orElse(null);
    }

    /** How the recommendation names the folder the install runs in: "./" for the WORKDIR, else relative under it or absolute. */
    private static String destination(RunStep run, String runsIn) {
        if (runsIn == null) {
            return "./";
        }
        String workdir = ContainerPaths.clean(run.workdir());
        return !workdir.equals("/") && PathNames.isUnder(runsIn, workdir)
                ? runsIn.substring(workdir.length() + 1) + "/" : runsIn + "/";
    }

    private static String destinationPath(String destination, String folder) {
        return destination.equals("./") ? folder + "/" : destination + folder + "/";
    }

    /**
     * How the recommendation writes the install: as the RUN has it when the install names its folder itself
     * ({@code npm ci --prefix client}), so that the advice keeps that folder; else by its usual name.
     */
    private static String asWritten(Outcome o) {
        Call call = o.install().call();
        if (DependencyInstalls.namedDirectory(call).isEmpty()) {
            return o.install().text();
        }
        return o.run().instruction().file().text(call.span()).replaceAll("\\\\\\s*\\n", " ")
                .replaceAll("\\s+", " ").strip();
    }

    private void reportProject(ReviewContext context, BuiltImage image, Outcome o, String copyText, int installLine) {
        String install = o.install().text();
        String message = install + " (line " + installLine + ") builds the project from the source that " + copyText
                + " (line " + o.copy().span().startLine() + ") brings in, and installs all its dependencies in the"
                + " same layer: any change to the source reinstalls every package";
        String requirements = "requirements.txt";
        boolean exported = exists(context.project(), image, requirements);
        String recommendation = "Install the dependencies in a layer of their own before the source arrives, then the"
                + " project alone: `COPY " + requirements + " ./` and `RUN pip install --no-cache-dir -r " + requirements
                + "` before `" + copyText + "`, and `RUN " + install.replace("pip install", "pip install --no-cache-dir"
                        + " --no-deps") + "` after it."
                + (exported ? "" : " Compile " + requirements + " from pyproject.toml (`pip-compile -o " + requirements
                        + " pyproject.toml` with pip-tools, or `uv pip compile pyproject.toml -o " + requirements
                        + "`), which also pins the versions.");
        context.finding(this, new Location(image.dockerfile(), o.copy().span()), message)
                .recommendation(recommendation)
                .add();
    }

    private void strength(ReviewContext context, BuiltImage image, Outcome o) {
        Instruction run = o.run().instruction();
        if (o.mounted()) {
            context.strength(this, new Location(image.dockerfile(), run.span()), o.install().manifest()
                    + " is bind-mounted into the RUN that runs " + o.install().text()
                    + ": the dependency layer is rebuilt only when it changes");
            return;
        }
        context.strength(this, new Location(image.dockerfile(), Spans.cover(o.copy().span(), run.span())),
                o.install().manifest() + " is copied (line " + o.copy().span().startLine() + ") and installed (line "
                        + o.install().call().span().startLine() + ") before the rest of the source: code changes reuse"
                        + " the cached dependency layer");
    }

    private static boolean bindMounted(RunStep run, DependencyInstalls.Install install) {
        for (MountSpec mount : run.mounts()) {
            if (!mount.type().equals("bind") || mount.from().isPresent()) {
                continue;
            }
            String source = clean(mount.source().orElse(""));
            if (matches(source, install.manifest())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the COPY brings the manifest in on its own (by name, pattern or its folder). */
    private static boolean provides(CopyCommand copy, String manifest) {
        for (String source : copy.sources()) {
            if (matches(clean(source), manifest)) {
                return true;
            }
        }
        return false;
    }

    /** The folders a COPY names, as written; empty when it copies the whole context (".", "*"). */
    private static List<String> copiedFolders(Instruction copy) {
        List<String> folders = new ArrayList<>();
        for (Word source : CopySources.sources(copy)) {
            String s = clean(CopySources.unquote(source.value()));
            if (s.isEmpty() || s.equals(".") || s.equals("*")) {
                return List.of();
            }
            folders.add(CopySources.unquote(source.value()));
        }
        return folders;
    }

    /** Whether the COPY copies the whole source: ".", "*", or a folder of the context that holds the manifest. */
    private static boolean broad(Project project, BuiltImage image, CopyCommand copy, String manifest) {
        for (String source : copy.sources()) {
            String s = clean(source);
            if (s.isEmpty() || s.equals("*")) {
                return true;
            }
            if (!s.contains("*") && !s.contains("?") && !matches(s, manifest)) {
                String context = image.container().build().context();
                String inContext = PathNames.join(context, s);
                if ((holds(project, inContext, manifest) && isDirectory(project, inContext)
                        || manifest.contains("/") && !Glob.hasWildcards(manifest) && PathNames.isUnder(manifest, s))
                        && !requirementsOnly(project, inContext)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a folder holds requirement files and nothing else drydock knows of (requirements/base.txt, prod.txt
     * and dev.txt, which -r one another): copying it whole is copying the manifests, not the source.
     */
    private static boolean requirementsOnly(Project project, String folder) {
        List<ProjectEntry> inside = project.layout().entries().stream()
                .filter(e -> PathNames.isUnder(e.path(), folder) && !e.path().equals(folder)).toList();
        return !inside.isEmpty() && inside.stream()
                .allMatch(e -> e.type() == FileType.REQUIREMENTS_TXT || e.type() == FileType.REQUIREMENTS_IN);
    }

    /** Whether a folder of the project directly holds the manifest (for a pattern such as *.csproj, a file it matches). */
    private static boolean holds(Project project, String folder, String manifest) {
        String name = PathNames.fileName(manifest);
        if (!Glob.hasWildcards(name)) {
            return project.layout().entry(PathNames.join(folder, name)).isPresent();
        }
        return project.layout().entries().stream()
                .anyMatch(e -> e.directory().equals(folder) && Glob.matches(name, e.name()));
    }

    /** The folder a COPY copies the manifest from ("service/" for COPY service/ /app/), "" for the context root. */
    private static String folderOf(Instruction copy, String manifest) {
        if (copy.arguments() instanceof dev.drydock.core.dockerfile.syntax.WordList words && words.words().size() >= 2) {
            for (var word : words.words().subList(0, words.words().size() - 1)) {
                String s = clean(word.value());
                if (!s.isEmpty() && !s.equals("*") && !s.startsWith("--")) {
                    return s + "/";
                }
            }
        }
        return "";
    }

    private static boolean isDirectory(Project project, String path) {
        return project.layout().entries().stream().anyMatch(e -> e.path().startsWith(path + "/"));
    }

    /**
     * For uv sync from the root of a uv workspace: its members' pyproject.toml, relative to the build context
     * (uv needs them to read the workspace, and --no-install-project would still install the members); else null.
     */
    private static List<String> uvWorkspaceMembers(ReviewContext context, BuiltImage image,
            DependencyInstalls.Install install, String folder) {
        if (!install.text().equals("uv sync")) {
            return null;
        }
        String contextDir = image.container().build().context();
        String root = PathNames.join(contextDir, folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
        return UvWorkspaces.memberManifests(context, root)
                .filter(members -> !members.isEmpty())
                .map(members -> members.stream().filter(m -> PathNames.isUnder(m, contextDir))
                        .map(m -> contextDir.isEmpty() ? m : m.substring(contextDir.length() + 1)).toList())
                .orElse(null);
    }

    /**
     * For pnpm install in the root of a pnpm workspace that declares members: the context folder of that root ("" or
     * "web/"), whose pnpm-lock.yaml and pnpm-workspace.yaml pnpm fetch needs; else null.
     */
    private static String pnpmWorkspaceFolder(ReviewContext context, BuiltImage image, Outcome o, String runsIn) {
        if (!o.install().call().is("pnpm") || !o.install().text().startsWith("pnpm install")) {
            return null;
        }
        String folder = contextFolder(image, o, runsIn);
        String contextDir = image.container().build().context();
        String root = PathNames.join(contextDir, folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
        boolean members = exists(context.project(), image, folder + LockFile.PNPM_LOCK_YAML.fileName())
                && !NodeWorkspaces.memberManifests(context, root.equals(".") ? "" : root, "pnpm").isEmpty();
        return members ? folder : null;
    }

    private static boolean exists(Project project, BuiltImage image, String file) {
        return project.layout().entry(PathNames.join(image.container().build().context(), file)).isPresent();
    }

    /** Whether a source path or pattern names the manifest (also by its file name). */
    private static boolean matches(String source, String manifest) {
        if (source.equals(manifest)) {
            return true;
        }
        String name = PathNames.fileName(manifest);
        String sourceName = PathNames.fileName(source);
        if (sourceName.equals(name)) {
            return true;
        }
        if (Glob.hasWildcards(name)) { // *.csproj: a project file by name, or a pattern taking one
            String sample = sourceName.replace("*", "x").replace('?', 'x');
            return Glob.matches(name, sample);
        }
        return Glob.hasWildcards(sourceName) && Glob.matches(sourceName, name);
    }

    private static String clean(String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") || p.equals("/") ? "" : p;
    }
}
