package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PyProject;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageEnvironment;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ComposeEnvironment;
import dev.drydock.core.rules.support.IgnoreEdits;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.PoetryEnvironments.Environment;
import dev.drydock.core.rules.support.PoetryEnvironments;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.RuntimeCommand;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.shell.ShellCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "poetry-venv-not-on-path",
        title = "The container starts a program that poetry install put into Poetry's own virtual environment, off PATH",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Images built from a Docker Official Image (python, debian ...) whose RUNs install a Poetry project"
                + " with poetry install (or sync) while virtualenvs.create keeps its default (true), and whose"
                + " container (the Dockerfile's CMD or ENTRYPOINT, or a compose command) starts by its bare name a"
                + " program a dependency of pyproject.toml provides (uvicorn, gunicorn, alembic, celery,"
                + " django-admin ...) or one of the project's own scripts, or runs python -m with such a package or"
                + " python manage.py of a Django project. Quiet when the command goes through poetry run, sources an"
                + " activate script or sets PATH; when ENV PATH (or a compose service's PATH) names a virtual"
                + " environment; when POETRY_VIRTUALENVS_CREATE is false, VIRTUAL_ENV is set, a poetry config or"
                + " poetry.toml sets virtualenvs.* or cache-dir, or the image makes a virtual environment by other"
                + " means; when pip, uv, pipx, pipenv, pdm or conda also install packages into the image; when a"
                + " COPY --from brings a virtual environment, site-packages or /usr/local; and when an entry-point"
                + " script starts the command.",
        problem = "virtualenvs.create is true by default, so poetry install does not install into the image's Python:"
                + " it creates a virtual environment of its own, under {cache-dir}/virtualenvs"
                + " (~/.cache/pypoetry/virtualenvs of the user the RUN runs as), or .venv in the project with"
                + " POETRY_VIRTUALENVS_IN_PROJECT=true. The programs of the packages go to that environment's bin"
                + " folder, which is not on PATH, and the image's python cannot import the packages; only poetry run"
                + " (or an activated environment) finds them.",
        impact = "The container never starts: exec: \"uvicorn\": executable file not found in $PATH (or /bin/sh: 1:"
                + " uvicorn: not found, exit code 127; ModuleNotFoundError for python -m). The image builds fine, so"
                + " the mistake shows only when it runs.",
        recommendation = "Put the environment where the container finds it: ENV POETRY_VIRTUALENVS_IN_PROJECT=true"
                + " and ENV PATH=\"/app/.venv/bin:$PATH\" (the project folder) before poetry install; or ENV"
                + " POETRY_VIRTUALENVS_CREATE=false (poetry config virtualenvs.create false) to install into the"
                + " image's Python; or start the program through poetry run.",
        references = {"https://python-poetry.org/docs/configuration/#virtualenvscreate",
                "https://python-poetry.org/docs/configuration/#virtualenvsin-project",
                "https://python-poetry.org/docs/basic-usage/#using-your-virtual-environment"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        RUN pip install --no-cache-dir poetry==1.8.5
                        COPY pyproject.toml poetry.lock ./
                        RUN poetry install --only main --no-root
                        COPY . .
                        CMD ["uvicorn", "shop.main:app", "--host", "0.0.0.0"]
                        """,
                good = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        RUN pip install --no-cache-dir poetry==1.8.5
                        ENV POETRY_VIRTUALENVS_IN_PROJECT=true \\
                            PATH="/app/.venv/bin:$PATH"
                        COPY pyproject.toml poetry.lock ./
                        RUN poetry install --only main --no-root
                        COPY . .
                        CMD ["uvicorn", "shop.main:app", "--host", "0.0.0.0"]
                        """,
                alongside = {@ExampleFile(name = "pyproject.toml", content = """
                        [tool.poetry]
                        name = "shop"
                        version = "0.1.0"
                        description = ""
                        authors = ["Shop <shop@example.com>"]

                        [tool.poetry.dependencies]
                        python = "^3.12"
                        fastapi = "^0.115"
                        uvicorn = "^0.32"
                        """),
                    @ExampleFile(name = "poetry.lock", content = "# lock\n"),
                    @ExampleFile(name = ".dockerignore", content = ".venv\n"),
                    @ExampleFile(name = "shop/__init__.py", content = ""),
                    @ExampleFile(name = "shop/main.py", content = "from fastapi import FastAPI\n\napp = FastAPI()\n")}))
public final class PoetryVenvNotOnPath implements Rule {

    /** Programs whose distribution package has another name. */
    private static final Map<String, List<String>> PACKAGES = Map.of(
            "django-admin", List.of("django"),
            "waitress-serve", List.of("waitress"),
            "fastapi", List.of("fastapi", "fastapi-cli"),
            "ddtrace-run", List.of("ddtrace"),
            "opentelemetry-instrument", List.of("opentelemetry-distro", "opentelemetry-instrumentation"),
            "jupyter", List.of("jupyter", "jupyterlab", "notebook"));
    private static final Set<String> OTHER_INSTALLERS = Set.of("uv", "pipenv", "pdm", "conda", "mamba", "micromamba",
            "pipx", "hatch", "rye");
    private static final Set<String> POETRY_PACKAGES = Set.of("poetry", "poetry-core", "poetry-plugin-export",
            "poetry-plugin-bundle", "pip", "setuptools", "wheel", "pipx");

    /** A program the container starts by name that only the Poetry environment holds. */
    private record Start(String program, String pkg, Origin origin, String failure) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (BaseImageEnvironment.of(image.rootBase()) == BaseImageEnvironment.Knowledge.UNKNOWN) {
                continue;
            }
            List<Environment> environments = PoetryEnvironments.of(context, image);
            if (environments.isEmpty() || pathNamesEnvironment(image) || otherInstalls(image, environments)
                    || copiesEnvironment(image)) {
                continue;
            }
            Environment env = environments.get(environments.size() - 1);
            if (!env.run().instruction().file().path().equals(image.dockerfile())) {
                continue;
            }
            boolean composePath = !ComposeEnvironment.of(image, "PATH").isEmpty();
            Map<String, Start> starts = new LinkedHashMap<>();
            for (Container c : image.containers()) {
                if (!composePath) {
                    for (Start start : starts(context, c, env)) {
                        starts.putIfAbsent(start.program() + "@" + start.origin(), start);
                    }
                }
            }
            if (!starts.isEmpty()) {
                report(context, image, env, List.copyOf(starts.values()));
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, Environment env, List<Start> starts) {
        String where = env.path() == null ? "the cache folder (~/.cache/pypoetry/virtualenvs) of the user the RUN runs"
                + " as" : env.inProject() ? env.path() + " (POETRY_VIRTUALENVS_IN_PROJECT)" : env.path();
        List<String> started = starts.stream().map(s -> s.program() + " (" + describe(image, s.origin()) + ")")
                .distinct().toList();
        List<String> failures = starts.stream().map(Start::failure).distinct().toList();
        String message = env.text() + " on line " + env.run().instruction().startLine() + " installs the packages into"
                + " a virtual environment Poetry creates in " + where
                + (env.inProject() ? "" : " (virtualenvs.create is true by default)")
                + ", whose bin folder is not on PATH; the container runs " + String.join(" and ", started)
                + " outside that environment (without poetry run), so it exits at once: " + String.join("; ", failures);
        String venv = env.project() == null ? null : ContainerPaths.clean(env.project() + "/.venv");
        String mounted = env.project() == null ? null : mountedOver(image, env.project());
        if (mounted != null) {
            String recommendation = "Set ENV POETRY_VIRTUALENVS_CREATE=false before " + env.text() + ", so that"
                    + " Poetry installs into the image's Python (a .venv in " + env.project() + " would be hidden by"
                    + " the volume " + mounted + " mounts there), or start " + starts.get(0).program()
                    + " through poetry run.";
            context.finding(this, image.dockerfile(), env.call().span(), message)
                    .recommendation(recommendation)
                    .add();
            return;
        }
        String recommendation = (venv == null
                ? "Set ENV POETRY_VIRTUALENVS_IN_PROJECT=true and put the project's .venv/bin on PATH before "
                        + env.text()
                : env.inProject() ? "Put the environment's bin folder on PATH: ENV PATH=\"" + venv + "/bin:$PATH\""
                : "Create the environment in the project and put its bin folder on PATH before " + env.text()
                        + ": ENV POETRY_VIRTUALENVS_IN_PROJECT=true PATH=\"" + venv + "/bin:$PATH\"")
                + ". Or set ENV POETRY_VIRTUALENVS_CREATE=false before it, so that Poetry installs into the image's"
                + " Python, or start " + starts.get(0).program() + " through poetry run.";
        context.finding(this, image.dockerfile(), env.call().span(), message)
                .recommendation(recommendation)
                .fix(fix(context, image, env, venv))
                .add();
    }

    /** The service whose volume covers the project folder, in words, or null. */
    private static String mountedOver(BuiltImage image, String project) {
        String venv = ContainerPaths.clean(project + "/.venv");
        for (Container c : image.containers()) {
            if (c.service() == null) {
                continue;
            }
            for (Service.Volume v : c.service().volumes()) {
                if (v.target() != null && PathNames.isUnder(venv, ContainerPaths.clean(v.target()))) {
                    return "service " + c.name();
                }
            }
        }
        return null;
    }

    private static String describe(BuiltImage image, Origin origin) {
        if (origin == null) {
            return "the image's command";
        }
        return origin.file().equals(image.dockerfile()) ? "line " + origin.line() : origin.file() + " line "
                + origin.line();
    }

    /** The programs the container starts by name that only the environment has. */
    private static List<Start> starts(ReviewContext context, Container c, Environment env) {
        EffectiveCommand command = c.command();
        EntryPoint ep = c.entryPoint();
        if (command == null || command.isEmpty() || ep == null || ep.args().isEmpty() || !ep.scripts().isEmpty()
                || ep.startedBy() != null || !ep.branches().isEmpty()) {
            return List.of();
        }
        String text = String.join(" ", command.argv()) + " " + (command.script() == null ? "" : command.script());
        if (text.contains("poetry") || text.contains("activate") || text.contains("PATH")
                || text.contains("VIRTUAL_ENV")) {
            return List.of();
        }
        List<List<String>> lines = new ArrayList<>(ep.otherCommands());
        lines.add(ep.args());
        List<Start> out = new ArrayList<>();
        for (List<String> words : lines) {
            boolean main = words == ep.args();
            Start start = main && ep.wrappedBy("python -m") ? module(c, command, ep) : start(context, c, env, command,
                    words);
            if (start != null) {
                out.add(start);
            }
        }
        RuntimeCommand runtime = RuntimeCommand.of(c);
        if (!runtime.launchers().isEmpty()) {
            String first = runtime.launchers().get(0);
            if (out.stream().noneMatch(s -> s.program().equals(first))) {
                Start launcher = start(context, c, env, command, List.of(first));
                if (launcher != null) {
                    out.add(0, launcher);
                }
            }
        }
        return out;
    }

    /** The program of one command line, when the environment alone provides it. */
    private static Start start(ReviewContext context, Container c, Environment env, EffectiveCommand command,
            List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        String program = words.get(0);
        if (RuntimeCommand.isPython(program) && words.size() > 1 && words.get(1).endsWith("manage.py")) {
            String pkg = dependency(c, List.of("django"));
            return pkg == null ? null : new Start(program + " " + words.get(1), pkg, command.originOf(words.get(1)),
                    "ModuleNotFoundError: No module named 'django'");
        }
        if (program.contains("/") || program.contains("$") || RuntimeCommand.isSystemProgram(program)) {
            return null;
        }
        String pkg = dependency(c, PACKAGES.getOrDefault(program, List.of(program)));
        if (pkg == null && !noRoot(env) && projectScripts(context, c).contains(program)) {
            pkg = "the project";
        }
        if (pkg == null) {
            return null;
        }
        String shell = shell(command);
        String failure = shell == null ? "exec: \"" + program + "\": executable file not found in $PATH"
                : shell.equals("bash") ? "bash: line 1: " + program + ": command not found (exit code 127)"
                : shell + ": 1: " + program + ": not found (exit code 127)";
        return new Start(program, pkg, command.originOf(program), failure);
    }

    /** The shell that runs the command ({@code /bin/sh} for the shell form, {@code sh} of {@code sh -c}), or null. */
    private static String shell(EffectiveCommand command) {
        if (command.shellForm()) {
            return "/bin/sh";
        }
        List<String> argv = command.argv();
        if (argv.size() >= 2 && argv.get(1).equals("-c")) {
            String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
            return ShellCommands.isShell(name) ? name : null;
        }
        return null;
    }

    /** {@code python -m uvicorn}: the image's python, which does not have the package. */
    private static Start module(Container c, EffectiveCommand command, EntryPoint ep) {
        String module = ep.wrappers().stream().filter(w -> w.name().equals("python -m"))
                .flatMap(w -> w.args().stream()).findFirst().orElse(null);
        if (module == null) {
            return null;
        }
        String pkg = dependency(c, PACKAGES.getOrDefault(module, List.of(module)));
        return pkg == null ? null : new Start("python -m " + module, pkg, command.originOf(module),
                "ModuleNotFoundError: No module named '" + module + "'");
    }

    /** The first of the names that a pyproject.toml of the container declares as a dependency, or null. */
    private static String dependency(Container c, List<String> names) {
        for (Manifest m : c.manifests()) {
            if (m.ecosystem() != Ecosystem.PYPI || m.kind() != ManifestKind.PYPROJECT_TOML) {
                continue;
            }
            for (String name : names) {
                if (m.dependency(name).filter(d -> !d.isDev()).isPresent()) {
                    return name;
                }
            }
        }
        return null;
    }

    private static List<String> projectScripts(ReviewContext context, Container c) {
        List<String> out = new ArrayList<>();
        for (Manifest m : c.manifests()) {
            if (m.kind() == ManifestKind.PYPROJECT_TOML) {
                context.project().source(m.file()).ifPresent(file -> PyProject.of(file).scripts()
                        .forEach(s -> out.add(s.name())));
            }
        }
        return out;
    }

    private static boolean noRoot(Environment env) {
        return env.call().args().stream().anyMatch(a -> a.value().equals("--no-root"));
    }

    /** Whether the image's PATH names a virtual environment, or folders drydock cannot read. */
    private static boolean pathNamesEnvironment(BuiltImage image) {
        Variables.Definition path = image.stage().variables().definition("PATH");
        if (path == null || path.value() == null) {
            return false;
        }
        String value = path.value().replace("${PATH}", "").replace("$PATH", "").toLowerCase(Locale.ROOT);
        return value.contains("venv") || value.contains("virtualenvs") || value.contains("$");
    }

    /** Whether another installer than Poetry puts Python packages into the image. */
    private static boolean otherInstalls(BuiltImage image, List<Environment> environments) {
        for (RunStep run : image.imageRuns()) {
            for (Call call : run.calls()) {
                if (call.is(OTHER_INSTALLERS.toArray(String[]::new))) {
                    return true;
                }
                if (call.is("poetry") && call.args().size() >= 2 && call.args().get(0).value().equals("env")
                        && call.args().get(1).value().equals("info")) {
                    return true;
                }
                PipCommands.Install pip = PipCommands.install(call).orElse(null);
                if (pip != null && (pip.installsFromManifest() || pip.packages().stream().anyMatch(p -> !POETRY_PACKAGES
                        .contains(p.value().replaceAll("[\\[<>=!~;@ ].*", "").toLowerCase(Locale.ROOT))))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a COPY --from brings a virtual environment, site-packages or /usr/local into the image. */
    private static boolean copiesEnvironment(BuiltImage image) {
        for (Stage stage : Stages.lineage(image.model(), image.stage())) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromContext()) {
                    continue;
                }
                List<String> paths = new ArrayList<>(copy.sources());
                if (copy.containerPath() != null) {
                    paths.add(copy.containerPath());
                }
                if (paths.stream().map(p -> p.toLowerCase(Locale.ROOT)).anyMatch(p -> p.contains("venv")
                        || p.contains("virtualenvs") || p.contains("site-packages") || p.startsWith("/usr/local")
                        || p.contains("pypoetry"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * ENV POETRY_VIRTUALENVS_IN_PROJECT=true and PATH with the project's .venv/bin before the RUN, when the project
     * folder is known, no compose volume covers it (a bind mount would hide the .venv) and a .venv of the build
     * context cannot be copied over the image's.
     */
    private static Fix fix(ReviewContext context, BuiltImage image, Environment env, String venv) {
        if (venv == null || !env.project().startsWith("/") || ToolEnvironmentRelocation.coveredByVolume(image,
                env.project())) {
            return null;
        }
        String assignments = (env.inProject() ? "" : "POETRY_VIRTUALENVS_IN_PROJECT=true \\\n    ")
                + "PATH=\"" + venv + "/bin:$PATH\"";
        int at = env.run().instruction().file().lineStart(InstructionLines.firstLineWithComments(env.run().instruction()));
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.insert(image.dockerfile(), at, "# Poetry's environment is " + venv + "; its bin folder on"
                + " PATH lets the container start the installed programs by name\nENV " + assignments + "\n"));
        BuildLink build = image.container().build();
        if (ToolEnvironmentRelocation.copiesContextInto(build, env.project()) && !build.ignore().matches(".venv")) {
            TextEdit ignore = IgnoreEdits.append(context.project(), build, List.of(".venv"),
                    "the image makes its own .venv; a local one copied over it would break it");
            if (ignore == null) {
                return null;
            }
            edits.add(ignore);
        }
        return Fix.of("create Poetry's environment in " + venv + " and put its bin folder on PATH", FixSafety.UNSAFE,
                edits);
    }
}
