package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.SearchPath;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.RootHome;
import dev.drydock.core.rules.support.RootHomeVariables;
import dev.drydock.core.rules.support.RootHome.Store;
import dev.drydock.core.rules.support.RootToolEnvironments;
import dev.drydock.core.rules.support.RootToolEnvironments.Environment;
import dev.drydock.core.rules.support.RuntimeCommand;
import dev.drydock.core.rules.support.UserIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "unreadable-by-runtime-user",
        title = "The runtime user cannot reach the files the container needs",
        severity = Severity.CRITICAL,
        category = Category.RELIABILITY,
        checks = "Images whose container runs as a non-root user (USER or compose user:). Fires when the image keeps"
                + " what that user must read or run under /root: a pip install --user run as root (into"
                + " /root/.local) or a COPY/ADD into /root/... (COPY --from=builder /root/.local /root/.local), and"
                + " the container needs it: ENV PATH lists a folder under /root, the command's program is a path"
                + " under /root, or the image's Python packages are only in root's user site (then neither the"
                + " server's script nor the packages are found). Also fires on a poetry install run as root with"
                + " Poetry's defaults (its virtualenv in /root/.cache/pypoetry/virtualenvs) when the container starts"
                + " through poetry run, on a pipx install or uv tool install run as root (environments and commands"
                + " under /root/.local) whose application the container starts, and on a uv sync into a"
                + " UV_PROJECT_ENVIRONMENT under /root that uv run or the command needs; quiet for Poetry when"
                + " POETRY_VIRTUALENVS_CREATE=false, POETRY_VIRTUALENVS_IN_PROJECT=true, POETRY_VIRTUALENVS_PATH,"
                + " POETRY_CACHE_DIR, XDG_CACHE_HOME or HOME outside /root, VIRTUAL_ENV, a poetry config of"
                + " virtualenvs.* or cache-dir, a poetry.toml that sets them, or another virtual environment made in"
                + " the image; for pipx when PIPX_HOME and PIPX_BIN_DIR are outside /root or --global is given. Quiet"
                + " when a RUN opens /root (chmod on /root). Also fires on a variable of the image's ENV or of a"
                + " compose service or Kubernetes container that runs it whose value names a path under /root"
                + " (HALO_WORK_DIR=/root/.halo2, SPRING_CONFIG_LOCATION=optional:file:/root/.halo2/): the application"
                + " reads or writes there; not on PATH nor the settings of build tools (PIP_*, POETRY_*, UV_*, CARGO_*,"
                + " GO*, GRADLE_* ...), which the build uses as root. Also"
                + " fires for a COPY --chmod without read permission for others (600, 700, 750...) of files owned"
                + " by root (no --chown) that the container runs: its program or script, or the working directory"
                + " of the application.",
        problem = "/root is mode 700 in Debian, Ubuntu and Alpine based images: no user but root can enter it,"
                + " whatever the modes of the files inside. Packages installed with pip --user as root, or copied"
                + " into /root, are invisible to the user the container finally runs as; so are the virtual"
                + " environments Poetry, pipx and uv tool create in root's home by default (Poetry looks for its environment"
                + " in the running user's own cache folder, which holds none); so are root-owned files"
                + " copied with a mode that gives others no read permission.",
        impact = "The container does not start: the server program is not found in PATH (exec: executable file not"
                + " found), Python cannot import the installed packages, or the script fails with Permission denied."
                + " The image builds fine, so the mistake shows only when the container is run.",
        recommendation = "Install the Python packages into a virtual environment outside /root (python -m venv"
                + " /opt/venv in the builder, COPY --from=builder /opt/venv /opt/venv and ENV PATH=/opt/venv/bin:$PATH"
                + " in the final stage), or into /usr/local without --user. For Poetry set ENV"
                + " POETRY_VIRTUALENVS_IN_PROJECT=true (the venv is .venv in the project) or"
                + " POETRY_VIRTUALENVS_CREATE=false and start the server without poetry run; for pipx set ENV"
                + " PIPX_HOME=/opt/pipx PIPX_BIN_DIR=/usr/local/bin. Copy application files with --chown for"
                + " the runtime user or a mode that lets it read them (644 files, 755 folders and scripts).",
        references = {
                "https://pip.pypa.io/en/stable/user_guide/#user-installs",
                "https://docs.python.org/3/library/site.html#site.USER_BASE",
                "https://docs.docker.com/reference/dockerfile/#copy---chown---chmod",
                "https://docs.docker.com/build/building/best-practices/#user"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir --user -r requirements.txt
                        COPY . .
                        RUN useradd --system --uid 10001 app
                        USER app
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        RUN useradd --system --uid 10001 app
                        USER app
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        gunicorn==23.0.0
                        """)))
public final class UnreadableByRuntimeUser implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            checkToolEnvironments(context, image);
            checkRootVariables(context, image);
            Container.Setting user = runtimeUser(image);
            if (user == null) {
                continue;
            }
            RuntimeCommand command = RuntimeCommand.of(image);
            checkRootHome(context, image, user, command);
            checkCopyModes(context, image, user, command);
        }
    }

    private void checkRootHome(ReviewContext context, BuiltImage image, Container.Setting user, RuntimeCommand command) {
        RootHome home = RootHome.of(image);
        if (home.stores().isEmpty() || home.opened()) {
            return;
        }
        Variables.Definition path = pathDefinition(image.stage());
        List<String> pathUnderRoot = path == null ? List.of()
                : List.of(path.value().split(":")).stream().filter(RootHome::underRoot).toList();
        String program = command.program();
        List<String> consequences = new ArrayList<>();
        if (program != null && RootHome.underRoot(program)) {
            consequences.add(program + " cannot be run (Permission denied)");
        } else if (program != null && !program.contains("/") && !RuntimeCommand.isSystemProgram(program)
                && (home.onlyPythonSite() || !pathUnderRoot.isEmpty())) {
            consequences.add(program + " is not found" + (pathUnderRoot.isEmpty() ? ""
                    : " (ENV PATH lists " + String.join(", ", pathUnderRoot) + " on line "
                            + path.instruction().span().startLine() + ", which it cannot search)"));
        }
        boolean python = program != null && (RuntimeCommand.isPython(program)
                || !program.contains("/") && !RuntimeCommand.isSystemProgram(program));
        if (home.onlyPythonSite() && python) {
            consequences.add("Python cannot import the packages installed there");
        }
        if (consequences.isEmpty()) {
            return;
        }
        String where = RootHome.describeBase(image);
        String who = describeUser(user);
        for (Store store : home.stores()) {
            String message = store.description() + " puts " + store.what() + " in " + store.path()
                    + ", but the container runs as " + who + ", who cannot enter /root (mode 700" + where + "): "
                    + String.join(" and ", consequences) + "; the container exits at start";
            context.finding(this, image.dockerfile(), store.span(), message)
                    .recommendation(recommendation(store, user))
                    .fix(UserSiteRelocation.fix(image, store))
                    .add();
        }
    }

    /**
     * Environments Poetry, pipx, uv tool or uv sync made in /root as root, which the container's non-root user
     * needs: its command runs through {@code poetry run} or {@code uv run}, or starts one of the applications.
     */
    private void checkToolEnvironments(ReviewContext context, BuiltImage image) {
        RootToolEnvironments tools = RootToolEnvironments.of(context, image);
        if (tools.environments().isEmpty() || RootHome.of(image).opened()) {
            return;
        }
        Set<Environment> reported = new HashSet<>();
        for (Container container : image.containers()) {
            Container.Setting user = container.user();
            if (user == null || UserIds.isRoot(user.value())) {
                continue;
            }
            RuntimeCommand command = RuntimeCommand.of(container);
            for (Environment env : tools.environments()) {
                String consequence = consequence(image, env, command, user);
                if (consequence == null || !reported.add(env)) {
                    continue;
                }
                String message = env.command() + " (run as root) " + describe(env) + ", but the container runs as "
                        + describeUser(user) + ", who cannot enter /root (mode 700" + RootHome.describeBase(image)
                        + "): " + consequence + "; the container exits at start";
                context.finding(this, image.dockerfile(), env.span(), message)
                        .recommendation(recommendation(env, command, user))
                        .fix(ToolEnvironmentRelocation.fix(context.project(), image, env, command, pathFolders(image)))
                        .add();
            }
        }
    }

    private static String describe(Environment env) {
        return switch (env.kind()) {
            case POETRY -> "creates the project's virtual environment in " + env.path();
            case UV_PROJECT -> "installs the project into the virtual environment " + env.path()
                    + " (UV_PROJECT_ENVIRONMENT)";
            case APPLICATION -> "installs " + String.join(", ", env.programs()) + " into a virtual environment in "
                    + env.path() + " and links " + (env.programs().size() == 1 ? "its command" : "their commands")
                    + " in " + env.binDir();
        };
    }

    /** What fails when the container starts, or null when its command does not need the environment. */
    private static String consequence(BuiltImage image, Environment env, RuntimeCommand command, Container.Setting user) {
        String program = command.program();
        switch (env.kind()) {
            case POETRY -> {
                if (!command.launchedBy("poetry run")) {
                    return null;
                }
                String outcome = program == null || program.equals("poetry") ? "the command runs without the"
                        + " project's packages"
                        : RuntimeCommand.isPython(program) ? program + " cannot import the project's packages"
                                + " (ModuleNotFoundError)"
                        : program + " is not in it (Command not found: " + program + ")";
                return "poetry run looks for the environment in the own cache folder of " + user.value()
                        + " (~/.cache/pypoetry/virtualenvs), does not find it there and creates an empty one (or fails"
                        + " when it cannot), so " + outcome;
            }
            case UV_PROJECT -> {
                boolean inside = program != null && program.startsWith(env.path() + "/");
                boolean onPath = program != null && !program.contains("/") && !RuntimeCommand.isSystemProgram(program)
                        && pathFolders(image).contains(env.path() + "/bin");
                if (command.launchedBy("uv run")) {
                    return "uv run cannot read or recreate the environment (Permission denied)";
                }
                return inside ? program + " cannot be run (Permission denied)"
                        : onPath ? program + " is not found (ENV PATH lists " + env.path() + "/bin, which "
                                + user.value() + " cannot search)" : null;
            }
            case APPLICATION -> {
                List<String> started = new ArrayList<>(command.launchers());
                if (program != null) {
                    started.add(program);
                }
                for (String launcher : started) {
                    String name = launcher.substring(launcher.lastIndexOf('/') + 1);
                    if (env.programs().stream().noneMatch(p -> p.equalsIgnoreCase(name))) {
                        continue;
                    }
                    boolean absolute = launcher.startsWith("/");
                    String folder = absolute ? ContainerPaths.clean(launcher.substring(0, launcher.lastIndexOf('/')))
                            : null;
                    if (absolute ? folder.equals(env.binDir()) || folder.startsWith(env.path() + "/")
                            : pathFolders(image).contains(env.binDir())) {
                        return launcher + (RootHome.underRoot(env.binDir()) && !absolute
                                ? " is not found (PATH lists " + env.binDir() + ", which " + user.value()
                                        + " cannot search)"
                                : " cannot be run (Permission denied)");
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static String recommendation(Environment env, RuntimeCommand command, Container.Setting user) {
        String program = command.program() == null ? "the server" : command.program();
        return switch (env.kind()) {
            case POETRY -> "Put the environment in the project folder, where every user finds it: ENV"
                    + " POETRY_VIRTUALENVS_IN_PROJECT=true before " + env.command() + " (Poetry then creates .venv"
                    + " beside pyproject.toml and poetry run uses it for " + user.value() + " too). Or ENV"
                    + " POETRY_VIRTUALENVS_CREATE=false to install the packages into the image's Python, and start "
                    + program + " directly, without poetry run.";
            case UV_PROJECT -> "Keep the environment outside /root: leave UV_PROJECT_ENVIRONMENT unset (uv sync then"
                    + " uses .venv in the project folder) or set it to /opt/venv, and put its bin folder on PATH.";
            case APPLICATION -> env.command().startsWith("pipx")
                    ? "Install it where every user can run it: ENV PIPX_HOME=/opt/pipx PIPX_BIN_DIR=/usr/local/bin"
                            + " before " + env.command() + " (or pipx install --global, pipx 1.5 or later, which"
                            + " uses /opt/pipx and /usr/local/bin)."
                    : "Install it where every user can run it: ENV UV_TOOL_DIR=/opt/uv-tools"
                            + " UV_TOOL_BIN_DIR=/usr/local/bin before " + env.command() + " (and"
                            + " UV_PYTHON_INSTALL_DIR=/opt/uv-python, for a Python uv downloads for it).";
        };
    }

    /** The folders of the container's PATH: the image's ENV PATH, else the default one. */
    private static List<String> pathFolders(BuiltImage image) {
        Variables.Definition path = pathDefinition(image.stage());
        if (path == null) {
            return SearchPath.DEFAULT;
        }
        List<String> folders = new ArrayList<>();
        for (String folder : path.value().split(":")) {
            if (!folder.isEmpty()) {
                folders.add(ContainerPaths.clean(folder));
            }
        }
        String written = path.instruction().logicalText().text();
        if (written.contains("$PATH") || written.contains("${PATH}")) {
            folders.addAll(SearchPath.DEFAULT);
        }
        return folders;
    }

    private static String recommendation(Store store, Container.Setting user) {
        if (store.python()) {
            return "Install the packages into a virtual environment outside /root instead of pip --user: in the"
                    + " builder stage RUN python -m venv /opt/venv, ENV PATH=/opt/venv/bin:$PATH, then pip install"
                    + " --no-cache-dir -r requirements.txt; in the final stage COPY --from=builder /opt/venv /opt/venv"
                    + " and ENV PATH=/opt/venv/bin:$PATH (instead of /root/.local/bin). " + user.value()
                    + " can read /opt/venv, and the venv's python finds its packages.";
        }
        return "Copy the files somewhere " + user.value() + " can read (/opt/..., /usr/local/..., or the application"
                + " folder) instead of " + store.path() + ", and point the command or PATH there.";
    }

    private void checkCopyModes(ReviewContext context, BuiltImage image, Container.Setting user, RuntimeCommand command) {
        String workdir = image.stage().config().workdir() == null ? "/" : image.stage().config().workdir().value();
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                String mode = copy.chmod();
                if (mode == null || !mode.matches("0?[0-7]{3}") || readableByOthers(mode) || !ownedByRoot(copy)) {
                    continue;
                }
                String dest = ContainerPaths.clean(copy.containerPath());
                String needed = command.filesUnder(dest, workdir);
                if (needed == null) {
                    continue;
                }
                String octal = mode.length() == 4 ? mode.substring(1) : mode;
                context.finding(this, image.dockerfile(), copy.instruction().span(),
                                "COPY --chmod=" + mode + " leaves " + dest + " owned by root with mode " + octal
                                        + " (no read permission for other users), but the container runs as "
                                        + describeUser(user) + ": " + needed
                                        + " cannot be read, and the container fails with Permission denied")
                        .severity(Severity.HIGH)
                        .recommendation("Copy them with --chown=" + user.value() + " (keeping --chmod=" + mode + "), or"
                                + " with a mode other users can read: --chmod=" + (octal.charAt(0) >= '7' ? "755" : "644")
                                + ".")
                        .add();
            }
        }
    }

    private static boolean readableByOthers(String mode) {
        int others = mode.charAt(mode.length() - 1) - '0';
        return (others & 4) != 0;
    }

    private static boolean ownedByRoot(CopyCommand copy) {
        if (copy.chown() == null) {
            return true;
        }
        for (String part : copy.chown().split(":")) {
            if (!part.equals("root") && !part.equals("0")) {
                return false;
            }
        }
        return true;
    }

    /** The ENV that sets PATH for the container, or null. */
    private static Variables.Definition pathDefinition(Stage stage) {
        Variables.Definition d = stage.variables().definition("PATH");
        return d != null && d.kind() == Variables.Kind.ENV && d.value() != null ? d : null;
    }

    /**
     * Variables that point the application at a folder under /root (a work, data or configuration folder) while the
     * container runs as another user: the first read or write there fails, whether or not the folder exists.
     */
    private void checkRootVariables(ReviewContext context, BuiltImage image) {
        Container.Setting user = runtimeUser(image);
        if (user == null || user.value().contains("$") || RootHome.of(image).opened()) {
            return;
        }
        List<RootHomeVariables.Pointer> pointers = RootHomeVariables.of(context, image);
        for (RootHomeVariables.Pointer p : pointers) {
            List<String> others = pointers.stream().filter(o -> o != p && o.path().startsWith(p.path()))
                    .map(o -> o.name() + " (" + o.where().file() + " line " + o.where().span().startLine() + ")")
                    .distinct().toList();
            context.finding(this, p.where(), p.name() + " points the application at " + p.path()
                            + ", but the container runs as " + describeUser(user) + ", who cannot enter /root (mode 700"
                            + RootHome.describeBase(image) + "): reading or creating anything there fails with"
                            + " Permission denied")
                    .severity(Severity.HIGH)
                    .recommendation("Point " + p.name() + " at a folder " + user.value() + " owns outside /root (for"
                            + " example /home/" + userName(user) + p.path().substring("/root".length()) + ", made with"
                            + " RUN mkdir -p DIR && chown " + user.value() + " DIR before USER)"
                            + (others.isEmpty() ? "" : ", and change " + String.join(", ", others) + " with it")
                            + "; move the volumes mounted under " + p.path() + " to the new folder and chown the files"
                            + " they already hold to " + user.value() + " once (they were written by root).")
                    .add();
        }
    }

    private static String userName(Container.Setting user) {
        String v = user.value().strip();
        String name = v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
        return name.matches("\\d+") ? "app" : name;
    }

    /** The first non-root user the image's containers run as, or null when they run as root. */
    private static Container.Setting runtimeUser(BuiltImage image) {
        for (Container c : image.containers()) {
            if (c.user() != null && !UserIds.isRoot(c.user().value())) {
                return c.user();
            }
        }
        return null;
    }

    private static String describeUser(Container.Setting user) {
        return user.value() + (user.origin() == null ? "" : " (" + user.origin().file() + " line " + user.origin().line()
                + ")");
    }
}
