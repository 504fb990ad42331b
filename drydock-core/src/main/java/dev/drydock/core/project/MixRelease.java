package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RUN of {@code mix release} (or {@code mix do ..., release}) in the Mix project of its working directory, which
 * assembles the release in {@code _build/ENV/rel/NAME} ({@code --path} elsewhere). Mix copies the files of the
 * project's {@code rel/overlays} folder into the release as they are ({@code rel/overlays/bin/server}, which
 * {@code mix phx.gen.release} writes, becomes the release's {@code bin/server}); everything else in the release
 * ({@code bin/NAME}, {@code releases/}, {@code lib/}, ERTS) Mix builds itself.
 *
 * @param project the absolute folder of the Mix project (the RUN's working directory)
 * @param path the absolute --path of the release, or null for the default under {@code _build}
 */
record MixRelease(String project, String path) {

    /** ENV/rel/NAME under _build, the folder of a release, and its FILE. */
    private static final Pattern DEFAULT_RELEASE = Pattern.compile("[^/]+/rel/[^/]+(?:/(.+))?");
    private static final String OVERLAYS = "rel/overlays";

    /**
     * The release a RUN assembles in {@code workdir}, when where it writes is certain: no {@code cd} before it, a
     * literal {@code --path}.
     */
    static Optional<MixRelease> of(DockerfileModel model, CommandSpec run, String workdir) {
        List<Command> commands = model.script(run).map(ShellScript::commands).orElse(List.of());
        for (int c = 0; c < commands.size(); c++) {
            List<String> args = mixArgs(commands.get(c));
            if (args == null || !assembles(args)) {
                continue;
            }
            if (commands.subList(0, c).stream().anyMatch(o -> o.is("cd", "pushd"))) {
                return Optional.empty();
            }
            String project = PathNames.normalizeAbsolute("/", workdir);
            String path = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--path")) {
                    path = i + 1 < args.size() ? args.get(i + 1) : "";
                } else if (arg.startsWith("--path=")) {
                    path = arg.substring("--path=".length());
                }
            }
            if (path != null && (path.contains("$") || path.isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(new MixRelease(project, path == null ? null : PathNames.normalizeAbsolute(project, path)));
        }
        return Optional.empty();
    }

    /** The folder the RUN writes the release into: the --path, else the project's _build. */
    String folder() {
        return path != null ? path : PathNames.join(project, "_build");
    }

    /**
     * The project path a path of the release is a copy of: the overlays folder for the release's own folder (the
     * overlays' contents land there), an overlay for a file; empty for what Mix builds.
     */
    Optional<String> origin(String file) {
        String folder = folder();
        String rest = file.equals(folder) ? "" : file.substring(folder.equals("/") ? 1 : folder.length() + 1);
        if (path == null) {
            Matcher m = DEFAULT_RELEASE.matcher(rest);
            if (!m.matches()) {
                return Optional.empty();
            }
            rest = m.group(1) == null ? "" : m.group(1);
        }
        String overlays = PathNames.join(project, OVERLAYS);
        return Optional.of(rest.isEmpty() ? overlays : PathNames.join(overlays, rest));
    }

    /** The arguments after {@code mix}, as written when they expand something; null when the command runs something else. */
    private static List<String> mixArgs(Command command) {
        List<Word> words = command.words();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).value().equals("mix")) {
                return words.subList(i + 1, words.size()).stream().map(w -> w.isLiteral() ? w.value() : w.raw()).toList();
            }
        }
        return null;
    }

    /** {@code release [NAME] ...}, or {@code do} with a release task among its tasks. */
    private static boolean assembles(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        return args.get(0).equals("release") || args.get(0).equals("do") && args.stream().skip(1)
                .anyMatch(a -> a.equals("release") || a.equals("release,") || a.endsWith(",release")
                        || a.startsWith("release,"));
    }
}
