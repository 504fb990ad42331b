package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The virtual environments {@code poetry install} (or sync) makes in an image when nothing tells Poetry otherwise:
 * virtualenvs.create is true by default, so Poetry installs into a virtualenv of its own, under
 * {@code {cache-dir}/virtualenvs} ({@code ~/.cache/pypoetry/virtualenvs} of the user the RUN runs as), or in
 * {@code .venv} of the project when POETRY_VIRTUALENVS_IN_PROJECT is true. Only the RUNs whose results are in the
 * image count. None when the image or project configures Poetry in a way drydock does not follow (a {@code poetry
 * config} of virtualenvs.* or cache-dir, a poetry.toml that sets them, Poetry's variables written in the RUN itself),
 * when POETRY_VIRTUALENVS_CREATE is false or VIRTUAL_ENV is set (Poetry then installs into the image's Python or that
 * environment), or when the image makes a virtual environment by other means.
 */
public final class PoetryEnvironments {

    /**
     * One environment.
     *
     * @param call the {@code poetry install} command
     * @param text the command in words ({@code poetry install --no-root})
     * @param run the RUN that makes it
     * @param path the folder of the environment ({@code /app/.venv}) or of Poetry's environments
     *     ({@code /root/.cache/pypoetry/virtualenvs}); null when drydock cannot tell the user's home
     * @param inProject whether it is {@code .venv} in the project (POETRY_VIRTUALENVS_IN_PROJECT=true)
     * @param project the folder of the project ({@code WORKDIR} of the RUN, after a {@code cd}), or null when
     *     Poetry is pointed elsewhere ({@code -C}, {@code --directory})
     */
    public record Environment(Call call, String text, RunStep run, String path, boolean inProject, String project) {}

    private static final Set<String> TRUE = Set.of("true", "1");
    private static final Pattern POETRY_TOML_SETTING = Pattern.compile(
            "(?m)^\\s*(in-project|create|path)\\s*=|^\\s*cache-dir\\s*=|^\\s*\\[virtualenvs\\]");

    private PoetryEnvironments() {}

    public static List<Environment> of(ReviewContext context, BuiltImage image) {
        List<RunStep> runs = image.imageRuns();
        if (configured(context, runs)) {
            return List.of();
        }
        List<Environment> out = new ArrayList<>();
        for (RunStep run : runs) {
            for (Call call : run.calls()) {
                if (call.is("poetry")) {
                    environment(run, call).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    static Optional<Environment> environment(RunStep run, Call call) {
        Optional<DependencyInstalls.Install> install = DependencyInstalls.install(call);
        if (install.isEmpty() || !blank(run.variable("VIRTUAL_ENV")) || mentionsSetting(run)) {
            return Optional.empty();
        }
        String create = run.variable("POETRY_VIRTUALENVS_CREATE");
        if (create != null && !TRUE.contains(create.strip().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        boolean elsewhere = call.options("-C", "--directory", "-P", "--project").has("-C", "--directory", "-P",
                "--project");
        String project = elsewhere ? null : run.directoryAt(call);
        String inProject = run.variable("POETRY_VIRTUALENVS_IN_PROJECT");
        if (inProject != null && TRUE.contains(inProject.strip().toLowerCase(Locale.ROOT))) {
            String path = project == null ? null : ContainerPaths.clean(project + "/.venv");
            return Optional.of(new Environment(call, install.get().text(), run, path, true, project));
        }
        String path = run.variable("POETRY_VIRTUALENVS_PATH");
        if (blank(path)) {
            String cache = run.variable("POETRY_CACHE_DIR");
            if (blank(cache)) {
                String xdg = run.variable("XDG_CACHE_HOME");
                String home = home(run);
                cache = !blank(xdg) ? xdg + "/pypoetry" : home == null ? null : home + "/.cache/pypoetry";
            }
            path = cache == null ? null : cache + "/virtualenvs";
        }
        return Optional.of(new Environment(call, install.get().text(), run, path == null ? null
                : ContainerPaths.clean(path), false, project));
    }

    /**
     * Whether the image or project tells Poetry where its environment goes in a way drydock does not follow, or
     * gives it one: a {@code poetry config} of virtualenvs.* or cache-dir, a poetry.toml, or a virtual environment
     * made by other means (a {@code .venv} in the project is the one Poetry uses).
     */
    static boolean configured(ReviewContext context, List<RunStep> runs) {
        for (RunStep run : runs) {
            for (Call call : run.calls()) {
                if (call.is("poetry") && !call.args().isEmpty() && call.args().get(0).value().equals("config")
                        && call.args().stream().anyMatch(a -> a.value().startsWith("virtualenvs.")
                                || a.value().equals("cache-dir"))) {
                    return true;
                }
                if (call.is("virtualenv") || call.is("uv") && !call.args().isEmpty()
                        && call.args().get(0).value().equals("venv")) {
                    return true;
                }
                if (RuntimeCommand.isPython(call.name()) && call.args().size() >= 2
                        && call.args().get(0).value().equals("-m") && call.args().get(1).value().equals("venv")) {
                    return true;
                }
            }
        }
        for (ProjectEntry entry : context.project().layout().entries()) {
            if (entry.name().equals("pyproject.toml") && context.project()
                    .source(PathNames.join(entry.directory(), "poetry.toml"))
                    .map(file -> POETRY_TOML_SETTING.matcher(file.text()).find()).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Poetry's settings written in the RUN itself ({@code export POETRY_VIRTUALENVS_CREATE=false}, or before the call). */
    private static boolean mentionsSetting(RunStep run) {
        String text = run.text();
        return text.contains("POETRY_VIRTUALENVS_") || text.contains("POETRY_CACHE_DIR")
                || text.contains("XDG_CACHE_HOME") || text.contains("VIRTUAL_ENV");
    }

    /** The home folder of the RUN: ENV HOME, else root's for a RUN as root; null for another user's. */
    private static String home(RunStep run) {
        String home = run.variable("HOME");
        if (!blank(home)) {
            return ContainerPaths.clean(home);
        }
        return run.user() == null || UserIds.isRoot(run.user()) ? "/root" : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
