package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.IgnoreEdits;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.RootHome;
import dev.drydock.core.rules.support.RootToolEnvironments.Environment;
import dev.drydock.core.rules.support.RuntimeCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Points a Python tool run as root at folders outside /root with an ENV just before its RUN, so that the
 * environment it makes is one every user can read:
 * <ul>
 * <li>Poetry: {@code POETRY_VIRTUALENVS_IN_PROJECT=true}; the environment is {@code .venv} in the project, and as
 * the ENV stays in the image, {@code poetry run} of the runtime user looks there too (Poetry also uses an existing
 * {@code .venv} when the setting is unset).</li>
 * <li>pipx: {@code PIPX_HOME=/opt/pipx PIPX_BIN_DIR=/usr/local/bin}, the folders of {@code pipx install --global}.</li>
 * <li>uv tool: {@code UV_TOOL_DIR}, {@code UV_TOOL_BIN_DIR=/usr/local/bin}, and {@code UV_PYTHON_INSTALL_DIR} for a
 * Python uv downloads for the tool, which would else be under /root too.</li>
 * </ul>
 * Offered only where the result is known to work: the project folder of Poetry is outside /root and no volume of
 * the containers covers it, nothing on PATH is under /root (Poetry itself), a .venv of the build context cannot
 * be copied over the image's (the .dockerignore leaves it out, or gets {@code .venv} added), and the applications
 * are started by name from a PATH that has /usr/local/bin.
 */
final class ToolEnvironmentRelocation {

    private static final String BIN = "/usr/local/bin";

    private ToolEnvironmentRelocation() {}

    static Fix fix(Project project, BuiltImage image, Environment env, RuntimeCommand command, List<String> path) {
        if (env.run() == null || !env.run().file().path().equals(image.dockerfile())) {
            return null;
        }
        return switch (env.kind()) {
            case POETRY -> poetry(project, image, env, path);
            case APPLICATION -> startedByName(env, command) && path.contains(BIN) ? application(image, env) : null;
            case UV_PROJECT -> null;
        };
    }

    private static Fix poetry(Project project, BuiltImage image, Environment env, List<String> path) {
        String folder = env.project();
        if (folder == null || !folder.startsWith("/") || RootHome.underRoot(folder)
                || path.stream().anyMatch(RootHome::underRoot) || coveredByVolume(image, folder)
                || env.run().file().text().contains("virtualenvs/")) {
            return null;
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(insertBefore(image, env.run(), "the virtual environment goes to .venv in " + folder + ", where"
                + " poetry run finds it for every user", "ENV POETRY_VIRTUALENVS_IN_PROJECT=true"));
        BuildLink build = image.container().build();
        if (copiesContextInto(build, folder) && !build.ignore().matches(".venv")) {
            TextEdit ignore = IgnoreEdits.append(project, build, List.of(".venv"),
                    "the image makes its own .venv; a local one copied over it would break it");
            if (ignore == null) {
                return null;
            }
            edits.add(ignore);
        }
        return Fix.of("make Poetry create the environment in " + folder + "/.venv", FixSafety.UNSAFE, edits);
    }

    /**
     * Whether the whole build context is copied into the project folder, where a .venv of the developer's would
     * land on the image's own.
     */
    static boolean copiesContextInto(BuildLink build, String folder) {
        for (ContextCopy copy : BuildContexts.copies(build)) {
            String destination = copy.copy().containerPath();
            if (copy.inImage() && copy.wholeContext() && destination != null
                    && ContainerPaths.clean(destination).equals(folder)) {
                return true;
            }
        }
        return false;
    }

    private static Fix application(BuiltImage image, Environment env) {
        if (env.command().startsWith("pipx")) {
            return Fix.of("install with pipx into /opt/pipx and " + BIN, FixSafety.UNSAFE,
                    insertBefore(image, env.run(), "pipx keeps the applications where every user can run them",
                            "ENV PIPX_HOME=/opt/pipx PIPX_BIN_DIR=" + BIN));
        }
        return Fix.of("install the uv tools into /opt/uv-tools and " + BIN, FixSafety.UNSAFE,
                insertBefore(image, env.run(), "uv keeps the tools (and a Python it downloads) where every user can"
                        + " run them",
                        "ENV UV_TOOL_DIR=/opt/uv-tools UV_TOOL_BIN_DIR=" + BIN
                                + " UV_PYTHON_INSTALL_DIR=/opt/uv-python"));
    }

    private static TextEdit insertBefore(BuiltImage image, Instruction run, String comment, String env) {
        int at = run.file().lineStart(InstructionLines.firstLineWithComments(run));
        return TextEdit.insert(image.dockerfile(), at, "# " + comment + "\n" + env + "\n");
    }

    /** Whether the container starts one of the applications by its name (not by a path into /root). */
    private static boolean startedByName(Environment env, RuntimeCommand command) {
        List<String> started = new ArrayList<>(command.launchers());
        if (command.program() != null) {
            started.add(command.program());
        }
        boolean byName = false;
        for (String launcher : started) {
            String name = launcher.substring(launcher.lastIndexOf('/') + 1);
            if (env.programs().stream().anyMatch(p -> p.equalsIgnoreCase(name))) {
                if (launcher.contains("/")) {
                    return false;
                }
                byName = true;
            }
        }
        return byName;
    }

    /** Whether a compose volume of the image's containers is mounted on the project folder, above it or inside it. */
    static boolean coveredByVolume(BuiltImage image, String project) {
        for (Container c : image.containers()) {
            if (c.service() == null) {
                continue;
            }
            for (Service.Volume v : c.service().volumes()) {
                if (v.target() == null) {
                    continue;
                }
                String target = ContainerPaths.clean(v.target());
                if (target.equals(project) || project.startsWith(target.endsWith("/") ? target : target + "/")
                        || target.startsWith(project + "/")) {
                    return true;
                }
            }
        }
        return false;
    }
}
