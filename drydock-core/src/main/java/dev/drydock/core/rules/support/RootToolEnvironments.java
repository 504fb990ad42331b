package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Virtual environments that Python tools run as root create in root's home when nothing points them
 * elsewhere: Poetry's ({@code poetry install} into {@code /root/.cache/pypoetry/virtualenvs}), the
 * applications of {@code pipx install} and {@code uv tool install} ({@code /root/.local/share/...},
 * commands linked in {@code /root/.local/bin}), and {@code uv sync}'s when {@code UV_PROJECT_ENVIRONMENT}
 * is under /root. Only the RUNs whose results are in the image count.
 *
 * @param environments each one, in Dockerfile order
 */
public record RootToolEnvironments(List<Environment> environments) {

    /** What made the environment. */
    public enum Kind { POETRY, APPLICATION, UV_PROJECT }

    /**
     * One environment in /root.
     *
     * @param kind what made it
     * @param command the command in words ({@code poetry install}, {@code pipx install httpie})
     * @param path the folder of the environment (or of the applications' environments)
     * @param binDir the folder the applications' commands are linked in, or null
     * @param span the command, to point at
     * @param programs the commands it provides that a container may start by name (the applications' package
     *     names); empty for Poetry's and uv's project environments
     * @param run the RUN that makes it
     * @param project the folder of the project Poetry installs (where an in-project .venv goes), or null when
     *     drydock cannot tell it or for the other kinds
     */
    public record Environment(Kind kind, String command, String path, String binDir, Span span, List<String> programs,
            Instruction run, String project) {

        public Environment {
            programs = List.copyOf(programs);
        }
    }

    private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public RootToolEnvironments {
        environments = List.copyOf(environments);
    }

    public static RootToolEnvironments of(ReviewContext context, BuiltImage image) {
        List<Environment> out = new ArrayList<>();
        List<RunStep> runs = image.imageRuns();
        boolean poetryConfigured = PoetryEnvironments.configured(context, runs);
        for (RunStep run : runs) {
            if (run.user() != null && !UserIds.isRoot(run.user())) {
                continue;
            }
            String home = home(run);
            for (Call call : run.calls()) {
                if (call.is("poetry") && !poetryConfigured) {
                    poetry(run, call).ifPresent(out::add);
                } else if (call.is("pipx")) {
                    pipx(run, call, home).ifPresent(out::add);
                } else if (call.is("uv")) {
                    uv(run, call, home).ifPresent(out::add);
                }
            }
        }
        return new RootToolEnvironments(out);
    }

    /** {@code poetry install} (or sync) with Poetry's defaults run as root: a virtualenv in the cache folder of root. */
    private static Optional<Environment> poetry(RunStep run, Call call) {
        PoetryEnvironments.Environment env = PoetryEnvironments.environment(run, call).orElse(null);
        if (env == null || env.inProject() || env.path() == null || !RootHome.underRoot(env.path())
                || run.cacheMountCovers(env.path())) {
            return Optional.empty();
        }
        return Optional.of(new Environment(Kind.POETRY, env.text(), env.path(), null, call.span(), List.of(),
                run.instruction(), env.project()));
    }

    /** {@code pipx install X} without --global, its environments or command links under /root. */
    private static Optional<Environment> pipx(RunStep run, Call call, String home) {
        Call.Options options = call.options("--python", "--pip-args", "--index-url", "-i", "--suffix", "--preinstall",
                "--spec", "--backend");
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty() || !operands.get(0).value().equals("install") || options.has("--global", "--suffix")
                || run.text().contains("PIPX_") || run.text().contains("XDG_")) {
            return Optional.empty();
        }
        String pipxHome = or(run.variable("PIPX_HOME"), home + "/.local/share/pipx");
        String binDir = or(run.variable("PIPX_BIN_DIR"), home + "/.local/bin");
        return application(run, call, "pipx install", pipxHome + "/venvs", binDir,
                operands.subList(1, operands.size()));
    }

    /** {@code uv tool install X} with its tool or bin folder under /root; {@code uv sync} into a /root environment. */
    private static Optional<Environment> uv(RunStep run, Call call, String home) {
        Call.Options options = call.options("--python", "-p", "--with", "-w", "--index", "--index-url",
                "--extra-index-url", "--directory", "--project", "--extra", "--group", "--only-group", "--no-group",
                "--package", "--from", "-c", "--constraints", "--overrides", "--with-requirements", "--with-editable");
        List<Call.Arg> operands = options.operands();
        boolean inline = run.text().contains("UV_") || run.text().contains("XDG_");
        if (operands.size() >= 2 && operands.get(0).value().equals("tool") && operands.get(1).value().equals("install")) {
            if (inline) {
                return Optional.empty();
            }
            String data = or(run.variable("XDG_DATA_HOME"), home + "/.local/share");
            String toolDir = or(run.variable("UV_TOOL_DIR"), data + "/uv/tools");
            String binDir = or(run.variable("UV_TOOL_BIN_DIR"), or(run.variable("XDG_BIN_HOME"), home + "/.local/bin"));
            return application(run, call, "uv tool install", toolDir, binDir, operands.subList(2, operands.size()));
        }
        if (inline || operands.isEmpty() || !operands.get(0).value().equals("sync") || options.has("--active")) {
            return Optional.empty();
        }
        String environment = run.variable("UV_PROJECT_ENVIRONMENT");
        if (blank(environment) || !environment.startsWith("/") || !RootHome.underRoot(environment)) {
            return Optional.empty();
        }
        return Optional.of(new Environment(Kind.UV_PROJECT, "uv sync", ContainerPaths.clean(environment), null,
                call.span(), List.of(), run.instruction(), null));
    }

    private static Optional<Environment> application(RunStep run, Call call, String tool, String envs, String binDir,
            List<Call.Arg> packages) {
        envs = ContainerPaths.clean(envs);
        binDir = ContainerPaths.clean(binDir);
        if (!RootHome.underRoot(envs) && !RootHome.underRoot(binDir)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Call.Arg arg : packages) {
            String name = arg.value().replaceAll("[\\[<>=!~;@ ].*", "");
            if (arg.literal() && PACKAGE_NAME.matcher(name).matches()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Environment(Kind.APPLICATION, tool + " " + String.join(" ", names), envs, binDir,
                call.span(), names, run.instruction(), null));
    }

    /** The home folder of the RUN: ENV HOME, else root's. */
    private static String home(RunStep run) {
        String home = run.variable("HOME");
        return blank(home) ? "/root" : ContainerPaths.clean(home);
    }

    private static String or(String value, String otherwise) {
        return blank(value) ? otherwise : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
