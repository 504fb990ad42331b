package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageEnvironment;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.SimilarNames;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.WrittenInstructions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "python-script-missing",
        title = "The container runs a Python file or module that is not in the image",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Containers built here whose command (Dockerfile ENTRYPOINT or CMD, or compose `command`) runs the"
                + " Python interpreter on a script: `python X ...`, `python3 X.py`. Fires when X is the name of a"
                + " Python program rather than a file (streamlit, gunicorn, uvicorn, flask, celery, fastapi, ...)"
                + " and no file or folder of that name is in the build context; and, for any other script, when"
                + " drydock knows every file the image gets and none is at that path: the base image is a Docker"
                + " Official Image or scratch, the path lies outside the system folders (/usr, /etc, /var, ...), no"
                + " COPY or ADD of the build context puts a file of the context there, and nothing else may write it."
                + " Quiet for an image that copies nothing from the build context (its scripts come from a mount at run time),"
                + " when a COPY from a stage, an image, a URL or a here-document, or an ADD of an archive, writes"
                + " to that folder; when a RUN names the script or runs anything beyond package installs and user or"
                + " folder setup (downloads, git, cp, mv, redirects, scripts); when a compose volume is mounted over the"
                + " path; for scripts started by a start script; and for paths held in variables. Also fires when the"
                + " module a WSGI or ASGI server imports (gunicorn config.wsgi:application, uvicorn app.main:app) or"
                + " Django's DJANGO_SETTINGS_MODULE is in no folder of the import path while its top package is (the"
                + " project's sources are copied, that file is not among them); quiet when the image installs the"
                + " project as a package (pip install ., a wheel, poetry install, uv sync), when the top package is"
                + " not the project's (django.core...), when the name comes from a variable and when drydock cannot"
                + " tell what the image holds. `python -m package.module` is checked the same way (module.py or"
                + " module/__main__.py under the working directory and PYTHONPATH, the package being the project's);"
                + " `python -m module` fires only when the build context has module.py (or module/__main__.py) and the"
                + " image has it in no folder of the import path; `python -m package` fires when the first folder of the"
                + " import path that has the package holds its __init__.py but no __main__.py; quiet for"
                + " standard-library and installed modules"
                + " (http.server, a dependency of the manifests) and for the servers drydock reads as programs"
                + " (python -m uvicorn, python -m flask). For `celery -A package`, the package the image holds"
                + " when Celery cannot find its application there: its __init__.py neither defines nor imports one"
                + " (no mention of celery or app), it has no celery.py, and one other module of it creates the"
                + " Celery instance (proj/celery_app.py), which the recommendation names.",
        problem = "`python X` opens X as a file (or a folder with a __main__.py) relative to the working directory:"
                + " it never looks X up on PATH or among installed modules. `python streamlit run app.py` is a mix of"
                + " `streamlit run app.py` and `python -m streamlit run app.py`; a script the Dockerfile never copies,"
                + " or copies to another folder, is not there either.",
        impact = "Every container of the image exits at once with \"can't open file '/app/streamlit': [Errno 2] No"
                + " such file or directory\" (exit code 2), or the server's worker with \"ModuleNotFoundError: No"
                + " module named 'config.wsgi'\": the service never starts.",
        recommendation = "Run an installed program as a module (python -m streamlit run app.py) or by its console"
                + " script (streamlit run app.py); for a script, COPY it to the path the command names, or name the"
                + " path the COPY puts it at.",
        references = {"https://docs.python.org/3/using/cmdline.html#interface-options",
                "https://docs.python.org/3/using/cmdline.html#cmdoption-m",
                "https://docs.docker.com/reference/dockerfile/#copy"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY requirements.txt app.py ./
                        RUN pip install --no-cache-dir -r requirements.txt
                        CMD ["python", "streamlit", "run", "app.py"]
                        """,
                good = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY requirements.txt app.py ./
                        RUN pip install --no-cache-dir -r requirements.txt
                        CMD ["python", "-m", "streamlit", "run", "app.py"]
                        """,
                alongside = {
                        @ExampleFile(name = "requirements.txt", content = "streamlit==1.40.1\n"),
                        @ExampleFile(name = "app.py", content = "import streamlit as st\nst.write('hello')\n")}))
public final class PythonScriptMissing implements Rule {

    /** Python programs a command may name as if they were scripts, with the module `python -m` runs them as. */
    private static final Map<String, String> PROGRAM_MODULES = Map.ofEntries(
            Map.entry("streamlit", "streamlit"), Map.entry("gunicorn", "gunicorn"), Map.entry("uvicorn", "uvicorn"),
            Map.entry("hypercorn", "hypercorn"), Map.entry("granian", "granian"), Map.entry("daphne", "daphne"),
            Map.entry("waitress-serve", "waitress"), Map.entry("flask", "flask"), Map.entry("celery", "celery"),
            Map.entry("fastapi", "fastapi"), Map.entry("django-admin", "django"), Map.entry("alembic", "alembic"),
            Map.entry("pytest", "pytest"), Map.entry("gradio", ""));
    private static final Set<String> SYSTEM_FOLDERS = Set.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc",
            "/var", "/root", "/tmp", "/proc", "/sys", "/dev", "/run");
    /** What a RUN may do without writing a script into the image's application folders. */
    private static final Set<String> SETUP_PROGRAMS = Set.of("apt-get", "apt", "apk", "yum", "dnf", "microdnf",
            "pip", "pip3", "uv", "poetry", "pipenv", "conda", "mamba", "micromamba", "useradd", "groupadd", "adduser",
            "addgroup", "usermod", "chown", "chmod", "chgrp", "mkdir", "rm", "echo", "true", "set", "export",
            "ldconfig", "update-ca-certificates", "apt-mark", "rmdir");
    /** A shell redirect that writes a file ({@code > f}, {@code >> f}), not {@code >=} in a version or {@code 2>&1}. */
    private static final Pattern REDIRECT = Pattern.compile("(?<![=<>])>{1,2}\\s*(?![=&>])\\S");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.builtContainers()) {
            checkModules(context, c, reported);
            EntryPoint ep = c.entryPoint();
            BuildLink build = c.build();
            if (ep == null || c.command() == null || build == null || build.stage() == null
                    || ep.runtime() != Runtime.PYTHON || ep.target().kind() != Target.Kind.FILE
                    || ep.startedBy() != null || ep.commandIgnoredBy() != null || !ep.branches().isEmpty()
                    || !ep.unresolved().isEmpty()) {
                continue;
            }
            String written = ep.target().value();
            String path = ep.target().path();
            if (written == null || path == null || written.contains("$") || written.contains("*")
                    || written.startsWith("~") || mountedOver(c.service(), path)
                    || inContextCopies(context, build, path) || opaqueCopyInto(build, path)) {
                continue;
            }
            boolean program = PROGRAM_MODULES.containsKey(written);
            if (program ? projectHas(context, written) || runNames(build, written)
                    : lineageCopies(build).isEmpty() || !imageKnown(build, path)
                            || runMayWrite(build, PathNames.fileName(path))) {
                continue;
            }
            if (!reported.add(c.command().origin().file() + "#" + c.command().origin().span().start() + "#" + path)) {
                continue;
            }
            if (program) {
                reportProgram(context, c, ep, written, path);
            } else {
                reportScript(context, c, ep, written, path);
            }
        }
    }

    /** The module a server imports (its application, Django's settings) when the image has no file of it. */
    private void checkModules(ReviewContext context, Container c, Set<String> reported) {
        EntryPoint ep = c.entryPoint();
        BuildLink build = c.build();
        if (ep == null || c.command() == null || build == null || build.stage() == null
                || ep.runtime().language() != Language.PYTHON || ep.startedBy() != null
                || ep.commandIgnoredBy() != null || !ep.branches().isEmpty() || !ep.unresolved().isEmpty()) {
            return;
        }
        if (ep.runtime() == Runtime.PYTHON && ep.target().kind() == Target.Kind.MODULE
                && writtenInCommand(c, ep.target().module())) {
            checkRunModule(context, c, ep, reported);
            return;
        }
        String app = writtenInCommand(c, ep.target().value()) ? PythonModuleMissing.appModule(ep) : null;
        PythonModuleMissing.of(context, build, ep, app).filter(m -> !mountedOver(c.service(), m.file()))
                .filter(m -> reported.add(c.command().origin().file() + "#" + m.file()))
                .ifPresent(m -> reportModule(context, c, m, ep.target().value(), "`" + String.join(" ", ep.args())
                        + "` imports " + m.module() + " (for " + ep.target().value() + ")"));
        if (ep.runtime() == Runtime.CELERY && writtenInCommand(c, ep.target().module())) {
            CeleryAppNotFound.of(context, build, ep).filter(f -> !mountedOver(c.service(), f.init()))
                    .filter(f -> reported.add(c.command().origin().file() + "#celery#" + f.init()))
                    .ifPresent(f -> reportCeleryApp(context, c, ep, f));
        }
        String settings = ep.environment().get("DJANGO_SETTINGS_MODULE");
        if (settings != null && ep.option("settings") == null) {
            PythonModuleMissing.of(context, build, ep, settings).filter(m -> !mountedOver(c.service(), m.file()))
                    .filter(m -> reported.add(c.command().origin().file() + "#" + m.file()))
                    .ifPresent(m -> reportModule(context, c, m, ep.target().value(), "DJANGO_SETTINGS_MODULE="
                            + settings + " makes Django import " + m.module() + " when `" + String.join(" ", ep.args())
                            + "` starts"));
        }
    }

    private void reportCeleryApp(ReviewContext context, Container c, EntryPoint ep, CeleryAppNotFound f) {
        String message = "`" + String.join(" ", ep.args()) + "` makes Celery look for its application in the package "
                + f.module() + ": an `app` or `celery` attribute, a " + f.module() + ".celery module or a Celery"
                + " instance in its namespace; " + f.init() + " defines and imports none, the package has no celery.py,"
                + " and the application is created in " + f.holder() + ": the worker stops with \"Unable to load celery"
                + " application\" and the container exits at once";
        String init = PathNames.fileName(f.holder());
        String recommendation = "Name the module that creates the application: -A " + f.holderModule() + "; or import it"
                + " in " + f.init() + " (`from ." + init.substring(0, init.length() - 3) + " import app as celery_app`,"
                + " as Celery's Django guide does), which also loads it when the web process starts.";
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), f.module()), message)
                .recommendation(recommendation)
                .add();
    }

    /** {@code python -m package.module} or {@code python -m module} when the image has no such module. */
    private void checkRunModule(ReviewContext context, Container c, EntryPoint ep, Set<String> reported) {
        BuildLink build = c.build();
        String module = ep.target().module();
        Set<String> dependencies = new HashSet<>();
        c.manifests().stream().filter(m -> m.ecosystem() == Ecosystem.PYPI).flatMap(m -> m.dependencies().stream())
                .forEach(d -> dependencies.add(d.normalizedName()));
        Optional<PythonModuleMissing.Missing> missing = module.contains(".")
                ? PythonModuleMissing.of(context, build, ep, module)
                : PythonModuleMissing.topLevel(context, build, ep, module, dependencies);
        missing.filter(m -> !mountedOver(c.service(), m.file()))
                .filter(m -> reported.add(c.command().origin().file() + "#" + m.file()))
                .ifPresent(m -> reportRunModule(context, c, ep, m));
        if (missing.isEmpty()) {
            PythonModuleMissing.packageWithoutMain(context, build, ep, module, dependencies)
                    .filter(p -> !mountedOver(c.service(), p.folder()))
                    .filter(p -> reported.add(c.command().origin().file() + "#" + p.folder()))
                    .ifPresent(p -> reportPackageWithoutMain(context, c, ep, p));
        }
    }

    /** Modules a package's author names after what starts it, in the order a recommendation prefers them. */
    private static final List<String> STARTING_MODULES = List.of("main", "app", "server", "run", "cli", "start",
            "bot", "worker");

    private void reportPackageWithoutMain(ReviewContext context, Container c, EntryPoint ep,
            PythonModuleMissing.PackageWithoutMain p) {
        String starter = STARTING_MODULES.stream().filter(p.modules()::contains).findFirst().orElse(null);
        String message = "`" + String.join(" ", ep.args()) + "` runs the package " + p.module() + " (" + p.folder()
                + "/__init__.py), which has no __main__.py" + (p.modules().isEmpty() ? ""
                        : " (it has " + String.join(", ", p.modules().stream().limit(5).map(m -> m + ".py").toList())
                                + ")") + ": python stops with \"No module named " + p.module() + ".__main__; '"
                + p.module() + "' is a package and cannot be directly executed\" and the container exits at once";
        String recommendation = (starter != null ? "Run the module that starts the application: python -m "
                + p.module() + "." + starter + "; or add " : "Add ") + p.folder() + "/__main__.py, which python -m "
                + p.module() + " runs (it calls what starts the application, e.g. `from ." + (starter == null ? "main"
                        : starter) + " import main` then `main()`).";
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), p.module()), message)
                .recommendation(recommendation)
                .add();
    }

    private void reportRunModule(ReviewContext context, Container c, EntryPoint ep, PythonModuleMissing.Missing m) {
        String file = m.file();
        String stem = file.substring(0, file.length() - 3);
        String where = m.contextFile() != null ? "; the build context has " + m.contextFile() + ", but no COPY puts"
                + " it in " + PathNames.parent(file) + "/" : m.closest() != null ? "; the project has " + m.closest()
                        : m.siblings().isEmpty() ? "" : "; " + PathNames.parent(file) + "/ has " + String.join(", ",
                                m.siblings().stream().limit(4).map(s -> s + ".py").toList());
        String message = "`" + String.join(" ", ep.args()) + "` runs the module " + m.module() + ", but the image has"
                + " no " + file + " (nor " + stem + "/__main__.py) in the import path (" + String.join(", ",
                        ep.searchPath()) + ")" + where + ": python stops with \"No module named " + m.module()
                + "\" and the container exits at once";
        String recommendation = m.contextFile() != null
                ? m.contextFile().endsWith("/__main__.py") ? "COPY " + BuildContexts.inContext(c.build(),
                        PathNames.parent(m.contextFile())) + "/ " + PathNames.join(PathNames.parent(file), m.module())
                        + "/ before the command runs, or add the folder the COPY puts it in to PYTHONPATH."
                        : "COPY " + BuildContexts.inContext(c.build(), m.contextFile()) + " " + PathNames.parent(file)
                                + "/ before the command runs, or add the folder the COPY puts it in to PYTHONPATH."
                : m.closest() != null ? "Run the module the project has: python -m " + m.closest()
                        .substring(0, m.closest().length() - 3).replace('/', '.') + "; or add " + file + "."
                        : "Run a module of the project, or add " + file + " (and COPY it into the image).";
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), m.module()), message)
                .recommendation(recommendation)
                .add();
    }

    /** Whether the command names the word itself, not through a variable set elsewhere ({@code "$APP_MODULE"}). */
    private static boolean writtenInCommand(Container c, String word) {
        return word != null && (c.command().argv().contains(word)
                || c.command().script() != null && c.command().script().contains(word));
    }

    private void reportModule(ReviewContext context, Container c, PythonModuleMissing.Missing m, String word,
            String what) {
        String file = m.file();
        String message = what + ", but the image has no " + file + " (nor " + file.substring(0, file.length() - 3)
                + "/__init__.py)" + (m.closest() != null ? "; the project has " + m.closest() : m.siblings().isEmpty() ? ""
                        : "; " + PathNames.parent(file) + "/ has " + String.join(", ", m.siblings().stream()
                                .limit(4).map(s -> s + ".py").toList())) + ": the import"
                + " fails with \"ModuleNotFoundError: No module named '" + m.module() + "'\" and the container exits"
                + " at once";
        String recommendation = m.closest() != null
                ? "Name the module the project has: " + m.closest().substring(0, m.closest().length() - 3)
                        .replace('/', '.') + "; or add " + file + "."
                : "Name a module of the project, or add " + file + " (and COPY it into the image).";
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), word), message)
                .recommendation(recommendation)
                .add();
    }

    private void reportProgram(ReviewContext context, Container c, EntryPoint ep, String name, String path) {
        String module = PROGRAM_MODULES.get(name);
        String command = String.join(" ", ep.args());
        String message = "`" + command + "` makes Python open " + name + " as a script file (" + path + "), but "
                + name + " is an installed program, not a file of the image: python stops with \"can't open file '"
                + path + "': [Errno 2] No such file or directory\" and the container exits at once";
        String rest = String.join(" ", after(ep.args(), name));
        String recommendation = module.isEmpty()
                ? "Run the app with Python itself: python " + rest + ", with demo.launch(server_name=\"0.0.0.0\","
                        + " server_port=7860) in it (the gradio command reloads the app on every change: a"
                        + " development mode)."
                : "Run the module: " + before(ep.args(), name) + " -m " + module + (rest.isEmpty() ? "" : " " + rest)
                        + "; or the program's own command: " + name + (rest.isEmpty() ? "" : " " + rest) + ".";
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), name), message)
                .recommendation(recommendation)
                .add();
    }

    private void reportScript(ReviewContext context, Container c, EntryPoint ep, String written, String path) {
        BuildLink build = c.build();
        String name = PathNames.fileName(path);
        List<String> landed = new ArrayList<>();
        List<String> inContext = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries()) {
            String contextPath = BuildContexts.inContext(build, entry.path());
            if (contextPath == null || !entry.name().equals(name) || !build.ignore().includes(contextPath)) {
                continue;
            }
            inContext.add(entry.path());
            for (ContextCopy copy : lineageCopies(build)) {
                for (String at : BuildContexts.landing(context.project(), build, copy, contextPath)) {
                    landed.add(ContainerPaths.clean(at));
                }
            }
        }
        String because = !landed.isEmpty()
                ? "the COPY puts " + name + " at " + String.join(" and ", landed.stream().distinct().toList())
                : !inContext.isEmpty() ? "the build context has " + String.join(" and ", inContext)
                        + " but no COPY or ADD puts it into the image"
                        : "the build context has no file " + name + " and no COPY or ADD puts one there";
        String message = "The container runs `" + String.join(" ", ep.args()) + "` in " + ep.workdir() + ", but"
                + " nothing puts " + path + " into the image (" + because + "): python stops with \"can't open file '"
                + path + "': [Errno 2] No such file or directory\" and the container exits at once";
        String recommendation;
        if (!landed.isEmpty()) {
            recommendation = "Name the path the COPY uses: python " + landed.get(0) + " (or change the COPY's"
                    + " destination to " + PathNames.parent(path) + "/).";
        } else if (!inContext.isEmpty()) {
            recommendation = "COPY " + BuildContexts.inContext(build, inContext.get(0)) + " " + path
                    + " before the command runs.";
        } else {
            Optional<String> similar = SimilarNames.closest(name, pythonFiles(context, build));
            recommendation = similar.map(s -> "Run the script the project has: " + s + " (copied into the image);"
                    + " or add " + name + ".").orElse("Add " + name + " to the project and COPY it to " + path
                    + ", or run the script that starts the application.");
        }
        context.finding(this, WrittenInstructions.commandWord(c, c.command(), written), message)
                .recommendation(recommendation)
                .add();
    }

    /** The interpreter and its options, before the program's name. */
    private static String before(List<String> args, String name) {
        int at = args.indexOf(name);
        return String.join(" ", at < 0 ? args : args.subList(0, at));
    }

    private static List<String> after(List<String> args, String name) {
        int at = args.indexOf(name);
        return at < 0 ? List.of() : args.subList(at + 1, args.size());
    }

    private static List<String> pythonFiles(ReviewContext context, BuildLink build) {
        List<String> out = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries()) {
            String contextPath = BuildContexts.inContext(build, entry.path());
            if (contextPath != null && entry.name().endsWith(".py") && build.ignore().includes(contextPath)) {
                out.add(PathNames.fileName(entry.path()));
            }
        }
        return out;
    }

    /** Whether a compose volume is mounted at the path or a folder above it. */
    private static boolean mountedOver(Service service, String path) {
        if (service == null) {
            return false;
        }
        for (Service.Volume volume : service.volumes()) {
            if (volume.target() == null || PathNames.isUnder(path, ContainerPaths.clean(volume.target()))) {
                return true;
            }
        }
        return false;
    }

    private static List<ContextCopy> lineageCopies(BuildLink build) {
        List<Stage> lineage = Stages.lineage(build.model(), build.stage());
        return BuildContexts.copies(build).stream().filter(x -> lineage.contains(x.stage())).toList();
    }

    /** Whether a copy of the build context puts a file or folder of the context at the path. */
    private static boolean inContextCopies(ReviewContext context, BuildLink build, String path) {
        for (ContextCopy copy : lineageCopies(build)) {
            Optional<String> source = BuildContexts.source(context.project(), build, copy, path);
            if (source.isEmpty()) {
                continue;
            }
            String inProject = BuildContexts.inProject(build, source.get());
            if (context.project().files().exists(inProject) || context.project().files().isDirectory(inProject)
                    || !build.ignore().includes(source.get())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a copy drydock cannot see into writes to the path's folder or above it: one from a stage, an image, a
     * URL or a here-document, an ADD of an archive, or a copy whose destination is not known.
     */
    private static boolean opaqueCopyInto(BuildLink build, String path) {
        for (Stage stage : Stages.lineage(build.model(), build.stage())) {
            for (CopyCommand copy : stage.copies()) {
                boolean opaque = !copy.fromContext() || !copy.heredocs().isEmpty()
                        || copy.sources().stream().anyMatch(s -> s.contains("://") || s.startsWith("git@")
                                || s.contains("$") || CopySources.isTarArchive(s));
                String dest = copy.containerPath() == null ? null : ContainerPaths.clean(copy.containerPath());
                if (opaque && (dest == null || PathNames.isUnder(path, dest) || dest.equals(path))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some file or folder of the project has that name. */
    private static boolean projectHas(ReviewContext context, String name) {
        return context.project().layout().entries().stream().anyMatch(e -> e.name().equals(name));
    }

    /** Whether a RUN of the image names the program as a path ({@code ./streamlit}, {@code /app/streamlit}). */
    private static boolean runNames(BuildLink build, String name) {
        for (RunStep run : RunStep.of(build.model(), Stages.lineage(build.model(), build.stage()))) {
            if (run.text().contains("/" + name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the base image is known and the path outside the folders it or an installed package fills. */
    private static boolean imageKnown(BuildLink build, String path) {
        if (BaseImageEnvironment.of(Stages.rootBase(build.model(), build.stage()))
                == BaseImageEnvironment.Knowledge.UNKNOWN) {
            return false;
        }
        return SYSTEM_FOLDERS.stream().noneMatch(f -> PathNames.isUnder(path, f)) && !path.equals("/");
    }

    /**
     * Whether a RUN may write the script: it names it, writes through a redirect or tee, or runs anything beyond
     * package installs and user or folder setup (a download, git, cp, a script of its own).
     */
    private static boolean runMayWrite(BuildLink build, String name) {
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        for (RunStep run : RunStep.of(build.model(), Stages.lineage(build.model(), build.stage()))) {
            String text = run.text();
            if (text.contains(name) || !stem.isEmpty() && text.contains(stem) || REDIRECT.matcher(text).find()
                    || run.calls().isEmpty()) {
                return true;
            }
            for (Call call : run.calls()) {
                if (!SETUP_PROGRAMS.contains(call.name()) && !pipModule(call)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code python -m pip ...}. */
    private static boolean pipModule(Call call) {
        return call.name().startsWith("python") && call.args().size() >= 2 && call.args().get(0).value().equals("-m")
                && call.args().get(1).value().equals("pip");
    }
}
