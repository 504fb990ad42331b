package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Wrapper;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PyProject;
import dev.drydock.core.manifest.Scope;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CmdEdits;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.ImageFiles;
import dev.drydock.core.rules.support.RegistryInstallRuns;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StartupMigrations;
import dev.drydock.core.rules.support.SwitchValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "uv-run-installs-at-start",
        title = "uv run installs packages at every start that the image was built without",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Containers built here whose command, compose command or start script runs a program through `uv"
                + " run`. uv run syncs the project environment before the program starts, with the dependency"
                + " groups uv selects by default (the dev group). Fires when the image's `uv sync` left the dev group"
                + " out (--no-dev, --only-group, --no-default-groups, or UV_NO_DEV set for the RUN), the project's"
                + " pyproject.toml declares a dev group ([dependency-groups] dev or tool.uv.dev-dependencies), and"
                + " the uv run neither has --no-dev, --no-sync, --only-group or --no-default-groups nor runs with"
                + " UV_NO_SYNC or UV_NO_DEV set; when every `uv sync` of the image has --no-install-project (or"
                + " --no-install-workspace) and the pyproject.toml declares a build backend, so that uv run builds"
                + " and installs the project itself at start; and for `uv run --with PACKAGE` and `uv run"
                + " --isolated`, which install into a fresh environment; and when the image holds the project's"
                + " pyproject.toml (with [project] dependencies) in the working directory but no .venv beside it and"
                + " no UV_PROJECT_ENVIRONMENT: the packages were installed with pip or `uv pip install --system`, or"
                + " into a virtualenv elsewhere (uv ignores VIRTUAL_ENV for a project), so uv run creates the"
                + " environment at start. Quiet for a script with inline metadata (`# /// script`), for uv run"
                + " --active, --no-sync, --offline, --no-project or --script, in dev containers, and where"
                + " drydock cannot tell what the image holds (a base image it does not know).",
        problem = "The build installs the environment without the dev group, as it should, and then `uv run` puts"
                + " the dev group back: it compares the environment with uv.lock and the default groups, finds the"
                + " dev packages missing and installs them before it starts the program, on every start of a new"
                + " container. `--with` and `--isolated` build a fresh environment at start the same way.",
        impact = "Each new container downloads the test and lint tools (pytest, mypy, ruff...) from the registry"
                + " before it serves: starts are slower, a start fails while the registry is down or egress is"
                + " blocked, the environment must stay writable at run time (a non-root user without write access"
                + " to the virtualenv fails outright), and the running image holds packages the build kept out.",
        recommendation = "Start the program without a sync: put the virtualenv's bin folder first on PATH and run"
                + " the program itself (uv's Docker guide does this), or keep uv run with the same selection as"
                + " the build (`uv run --no-dev`), or with `--no-sync` or ENV UV_NO_SYNC=1.",
        references = {"https://docs.astral.sh/uv/guides/integration/docker/",
                "https://docs.astral.sh/uv/concepts/projects/sync/",
                "https://docs.astral.sh/uv/reference/environment/"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv
                        WORKDIR /app
                        COPY . .
                        RUN uv sync --locked --no-dev
                        CMD ["uv", "run", "uvicorn", "main:app", "--host", "0.0.0.0"]
                        """,
                good = """
                        FROM python:3.12.8-slim
                        COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv
                        WORKDIR /app
                        COPY . .
                        RUN uv sync --locked --no-dev
                        CMD ["uv", "run", "--no-dev", "uvicorn", "main:app", "--host", "0.0.0.0"]
                        """,
                alongside = {
                        @ExampleFile(name = "pyproject.toml", content = """
                                [project]
                                name = "shop"
                                version = "1.0.0"
                                dependencies = ["fastapi==0.115.6", "uvicorn==0.34.0"]

                                [dependency-groups]
                                dev = ["pytest==8.3.4", "mypy==1.14.1"]
                                """),
                        @ExampleFile(name = "main.py", content = """
                                from fastapi import FastAPI
                                app = FastAPI()
                                """)}))
public final class UvRunInstallsAtStart implements Rule {

    /** uv run's options that skip the sync, or the project. */
    private static final Set<String> NO_SYNC = Set.of("--no-sync", "--offline", "--no-project", "--script");
    /** uv run's options that keep the dev group out. */
    private static final Set<String> NO_DEV = Set.of("--no-dev", "--only-group", "--no-default-groups");

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            Wrapper uvRun = ep == null ? null
                    : ep.wrappers().stream().filter(w -> w.name().equals("uv run")).findFirst().orElse(null);
            if (uvRun == null || c.build() == null || c.build().model() == null
                    || DevContainers.of(context, c).isPresent() || set(ep, "UV_NO_SYNC") || set(ep, "UV_OFFLINE")) {
                continue;
            }
            List<String> options = uvRun.args().stream().map(UvRunInstallsAtStart::option).toList();
            Location at = where(context, c);
            if (at == null || options.stream().anyMatch(NO_SYNC::contains) || reported.contains(at)) {
                continue;
            }
            String fresh = options.stream().filter(o -> o.equals("--isolated") || o.startsWith("--with")).findFirst()
                    .orElse(null);
            Optional<Sync> withoutProject = fresh != null ? Optional.empty() : syncWithout(c, Sync::withoutProject);
            List<String> backend = withoutProject.isEmpty() ? List.of() : requirements(c, Scope.BUILD, null);
            Optional<Sync> withoutDev = fresh != null || !backend.isEmpty()
                    || options.stream().anyMatch(NO_DEV::contains)
                    || set(ep, "UV_NO_DEV") ? Optional.empty() : syncWithout(c, Sync::withoutDev);
            List<String> dev = withoutDev.isEmpty() ? List.of() : requirements(c, Scope.DEV, "dev");
            List<String> unbuilt = fresh != null || !backend.isEmpty() || !dev.isEmpty() ? List.of()
                    : environmentNotBuilt(context, c, options);
            if (fresh != null) {
                reported.add(at);
                context.finding(this, at, "`uv run " + String.join(" ", uvRun.args()) + "` installs "
                                + (fresh.equals("--isolated") ? "the project's dependencies into a new isolated"
                                        + " environment" : "what " + fresh + " names into a temporary environment")
                                + " at every start of a new container, from the registry, before the program runs")
                        .recommendation("Install " + (fresh.equals("--isolated") ? "the dependencies" : "those"
                                + " packages") + " when the image is built (uv sync, or uv add them to"
                                + " pyproject.toml), and run the program without " + fresh + ".")
                        .add();
            } else if (!backend.isEmpty()) {
                reported.add(at);
                RunStep run = withoutProject.get().run();
                context.finding(this, at, "`uv run` syncs the project environment before it starts the program, and"
                                + " the image's only sync (`" + ShortText.of(run.text().strip(), 60) + "`, line "
                                + run.instruction().span().startLine() + " of " + c.build().dockerfile() + ") left the"
                                + " project itself out: every new container builds and installs the project at start,"
                                + " downloading its build backend (" + String.join(", ", backend) + ") from the"
                                + " registry before it serves")
                        .recommendation("Install the project in the image: after copying the sources, run the same"
                                + " sync again without --no-install-project (uv's Docker guide syncs twice: the"
                                + " dependencies first, for the layer cache, then the project), or start the"
                                + " program with `uv run --no-sync` if it runs from the sources as they are.")
                        .add();
            } else if (!dev.isEmpty()) {
                reported.add(at);
                Sync sync = withoutDev.get();
                RunStep run = sync.run();
                context.finding(this, at, "`uv run` syncs the project environment before it starts the program, and by"
                                + " default that takes in the dev group, which the image was built without (`"
                                + ShortText.of(run.text().strip(), 60) + "`"
                                + (sync.devOutByVariable() ? " with UV_NO_DEV set" : "") + ", line "
                                + run.instruction().span().startLine() + " of " + c.build().dockerfile() + "): every"
                                + " new container downloads and installs the dev group (" + String.join(", ", dev)
                                + ") from the registry before it serves")
                        .recommendation("Run it as the image was built: `uv run --no-dev` (or `--no-sync`, or ENV"
                                + " UV_NO_SYNC=1), or put the virtualenv first on PATH (ENV"
                                + " PATH=\"/app/.venv/bin:$PATH\") and start the program itself.")
                        .fix(fix(c))
                        .add();
            } else if (!unbuilt.isEmpty()) {
                reported.add(at);
                String workdir = ep.workdir();
                context.finding(this, at, "`uv run` finds the project in " + PathNames.join(workdir, "pyproject.toml")
                                + " and syncs its environment, " + PathNames.join(workdir, ".venv") + ", before it"
                                + " starts the program; no step of " + c.build().dockerfile() + " builds that"
                                + " environment (no `uv sync`; what pip or uv pip installed elsewhere is not used),"
                                + " so every new container creates it and downloads the project's dependencies ("
                                + String.join(", ", unbuilt) + ") from the registry before it serves")
                        .recommendation("Build the environment in the image: copy pyproject.toml and uv.lock, `RUN uv"
                                + " sync --locked --no-dev`, then put " + PathNames.join(workdir, ".venv/bin")
                                + " first on PATH and start the program itself; or, if the packages installed in the"
                                + " image are the ones to use, start the program without uv run.")
                        .add();
            }
        }
    }

    /**
     * The dependencies of the project uv run syncs at start when the image holds its pyproject.toml at the working
     * directory but no environment beside it: empty when it has one, may have one, or uses another
     * (UV_PROJECT_ENVIRONMENT, --active), for a script with inline metadata, or when pyproject.toml declares no
     * [project] dependencies.
     */
    private static List<String> environmentNotBuilt(ReviewContext context, Container c, List<String> options) {
        EntryPoint ep = c.entryPoint();
        String workdir = ep.workdir();
        if (workdir == null || !workdir.startsWith("/") || ep.environment().containsKey("UV_PROJECT_ENVIRONMENT")
                || options.contains("--active") || !ImageFiles.mayHold(context.project(), c.build(), c.build().stage(),
                        PathNames.join(workdir, "pyproject.toml")).orElse(false)
                || ImageFiles.mayHoldHiddenEntry(context.project(), c.build(), c.build().stage(),
                        PathNames.join(workdir, ".venv"), run -> RegistryInstallRuns.installsOnly(run, workdir)).orElse(true)) {
            return List.of();
        }
        var files = context.project().files();
        var paths = ImagePaths.of(c.build().model(), c.build().stage(),
                p -> files.isDirectory(PathNames.join(c.build().context(), p)));
        boolean inlineScript = ep.targetFiles().stream().filter(f -> f.endsWith(".py")).findFirst()
                .flatMap(paths::toContext).map(p -> PathNames.join(c.build().context(), p))
                .flatMap(context.project()::source).filter(f -> f.text().contains("# /// script")).isPresent();
        if (inlineScript) {
            return List.of(); // a script with inline metadata runs in an environment of its own
        }
        Optional<String> contextFile = paths.toContext(PathNames.join(workdir, "pyproject.toml"))
                .map(p -> PathNames.join(c.build().context(), p));
        List<String> names = new ArrayList<>();
        contextFile.flatMap(context.project()::source).ifPresent(file -> PyProject.of(file).dependencies().stream()
                .filter(d -> d.scope() == Scope.MAIN && "project".equals(d.source()))
                .map(d -> d.name()).distinct().forEach(names::add));
        return names.size() > 4 ? List.of(names.get(0), names.get(1), names.get(2), "...") : names;
    }

    /**
     * A RUN of `uv sync`: whether it leaves the dev group out (by its options, or by UV_NO_DEV: {@code
     * devOutByVariable}), and whether it leaves the project itself out (--no-install-project, --no-install-workspace).
     */
    private record Sync(RunStep run, boolean withoutDev, boolean devOutByVariable, boolean withoutProject) {}

    /** The first `uv sync` of the image's stages, when every sync there is {@code without} something. */
    private static Optional<Sync> syncWithout(Container c, java.util.function.Predicate<Sync> without) {
        Sync found = null;
        for (RunStep run : RunStep.of(c.build().model(), Stages.needed(c.build().model(), c.build().stage()))) {
            for (Call call : run.calls("uv")) {
                Call.Options options = call.options("--group", "--only-group", "--extra", "--package", "--python", "-p",
                        "--project", "--directory", "--no-group", "--index", "--index-url", "--extra-index-url",
                        "--no-extra", "--python-platform");
                if (options.subcommand().map(Call.Arg::value).filter("sync"::equals).isEmpty()) {
                    continue;
                }
                boolean byOption = options.has("--no-dev", "--only-group", "--no-default-groups");
                boolean byVariable = !byOption && SwitchValues.on(run.variable("UV_NO_DEV"));
                Sync sync = new Sync(run, byOption || byVariable, byVariable,
                        options.has("--no-install-project", "--no-install-workspace"));
                if (!without.test(sync)) {
                    return Optional.empty();
                }
                found = found == null ? sync : found;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The requirements of {@code scope} (and {@code group}, when not null) of the project's pyproject.toml, at the
     * build context's root or the only one: the dev group, the build backend.
     */
    private static List<String> requirements(Container c, Scope scope, String group) {
        List<Manifest> pyprojects = c.manifests().stream().filter(m -> m.kind() == ManifestKind.PYPROJECT_TOML)
                .toList();
        String root = PathNames.join(c.build().context(), "pyproject.toml");
        Manifest project = pyprojects.stream().filter(m -> m.file().equals(root)).findFirst()
                .orElse(pyprojects.size() == 1 ? pyprojects.get(0) : null);
        if (project == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Dependency d : project.dependencies()) {
            if (d.scope() == scope && (group == null || group.equals(d.group())) && !names.contains(d.name())) {
                names.add(d.name());
            }
        }
        return names.size() > 4 ? List.of(names.get(0), names.get(1), names.get(2), "...") : names;
    }

    /** Where the container runs uv run: a line of its start script or sh -c command, else its command. */
    private static Location where(ReviewContext context, Container c) {
        List<StartupMigrations.Site> sites = StartupMigrations.startCommands(context, c,
                words -> uvRunAt(words) >= 0 ? Optional.of("uv run") : Optional.empty());
        if (!sites.isEmpty()) {
            return sites.get(0).location();
        }
        EffectiveCommand command = c.command();
        if (command == null || uvRunAt(command.argv()) < 0) {
            return null;
        }
        Origin origin = command.originOf("uv");
        return origin == null ? null : new Location(origin.file(), origin.span());
    }

    /** {@code uv run --no-dev ...} in place of the final stage's own exec-form CMD, when it starts with uv run. */
    private static Fix fix(Container c) {
        EffectiveCommand command = c.command();
        if (command == null || command.shellForm() || uvRunAt(command.cmd()) != 0) {
            return null;
        }
        List<String> argv = new ArrayList<>(command.cmd());
        argv.add(2, "--no-dev");
        return CmdEdits.replaceCmd(c, command, argv, "run uv with --no-dev, as the image was built", FixSafety.SAFE);
    }

    /** The index of `uv` in words that run `uv run`, or -1. */
    private static int uvRunAt(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (PathNames.fileName(words.get(i)).equals("uv") && words.get(i + 1).equals("run")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean set(EntryPoint ep, String name) {
        return SwitchValues.on(ep.environment().get(name));
    }

    private static String option(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? word : word.substring(0, eq);
    }
}
