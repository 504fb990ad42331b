package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Commands of language package managers that install a project's dependencies (or named packages) from a registry:
 * pip (also {@code python -m pip}, {@code uv pip}), uv sync, Poetry, Pipenv, npm, yarn, pnpm, bun, Composer, Bundler and
 * {@code go mod download}. Not OS packages (apt-get, apk, dnf), and not an install told to stay offline ({@code pip
 * --no-index}, {@code --offline}).
 */
public final class DependencyInstallCommands {

    /**
     * One install.
     *
     * @param tool the command as a message names it ({@code npm ci}, {@code pip install})
     * @param ecosystem {@code python}, {@code node}, {@code php}, {@code ruby} or {@code go}
     * @param named whether it installs packages named on its command line rather than the project's dependency files
     */
    public record Install(String tool, String ecosystem, boolean named, String folderOption) {

        Install(String tool, String ecosystem, boolean named) {
            this(tool, ecosystem, named, null);
        }
    }

    /** The options with which npm, pnpm, yarn and bun work in another folder than the current one. */
    private static final Set<String> FOLDER_OPTIONS = Set.of("--prefix", "--dir", "-C", "--cwd");

    private static final Set<String> OFFLINE = Set.of("--no-index", "--offline", "--frozen-offline");
    private static final Set<String> NODE_INSTALLS = Set.of("install", "i", "ci", "add");

    private DependencyInstallCommands() {}

    /** The install these words run, from their program on. */
    public static Optional<Install> of(List<String> words) {
        int i = 0;
        while (i < words.size() && (words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*") || words.get(i).equals("sudo")
                || words.get(i).equals("exec") || words.get(i).equals("env"))) {
            i++;
        }
        if (i >= words.size() || words.subList(i, words.size()).stream().anyMatch(OFFLINE::contains)) {
            return Optional.empty();
        }
        List<String> w = words.subList(i, words.size());
        String program = PathNames.fileName(w.get(0));
        if (program.matches("python[0-9.]*") && w.size() > 2 && w.get(1).equals("-m")) {
            program = w.get(2);
            w = w.subList(2, w.size());
        }
        String sub = w.size() > 1 ? w.get(1) : "";
        if (program.matches("pip[0-9.]*") && sub.equals("install")) {
            return pip("pip install", w.subList(2, w.size()));
        }
        return switch (program) {
            case "uv" -> sub.equals("sync") ? found("uv sync", "python", false)
                    : sub.equals("pip") && w.size() > 2 && w.get(2).equals("install")
                            ? pip("uv pip install", w.subList(3, w.size())) : Optional.empty();
            case "poetry" -> sub.equals("install") ? found("poetry install", "python", false) : Optional.empty();
            case "pipenv" -> sub.equals("install") || sub.equals("sync")
                    ? found("pipenv " + sub, "python", false) : Optional.empty();
            case "npm", "pnpm", "bun", "yarn" -> node(program, w.subList(1, w.size()));
            case "composer" -> sub.equals("install") || sub.equals("update") || sub.equals("require")
                    ? found("composer " + sub, "php", sub.equals("require")) : Optional.empty();
            case "bundle" -> w.size() == 1 || sub.equals("install")
                    ? found("bundle install", "ruby", false) : Optional.empty();
            case "go" -> sub.equals("mod") && w.size() > 2 && w.get(2).equals("download")
                    ? found("go mod download", "go", false) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * What these words run that fills a project's dependency folder: an install ({@link #of}) that is not a global one
     * ({@code npm install -g nodemon}), or the sync that {@code uv run} does before its program (it installs what
     * uv.lock has and the project environment lacks), unless told not to ({@code --no-sync}).
     */
    public static Optional<Install> filling(List<String> words) {
        Optional<Install> install = of(words);
        if (install.isPresent()) {
            return words.contains("-g") || words.contains("--global") ? Optional.empty() : install;
        }
        int uv = 0;
        while (uv < words.size() && !PathNames.fileName(words.get(uv)).equals("uv")) {
            uv++;
        }
        return uv + 1 < words.size() && words.get(uv + 1).equals("run") && !words.contains("--no-sync")
                ? found("uv run", "python", false) : Optional.empty();
    }

    /**
     * What the commands of a shell script (a start script, an {@code sh -c} script) run that fills a project's
     * dependency folder ({@link #filling}), in order, whether every start runs them or only some
     * ({@code [ -d node_modules ] || npm ci}).
     */
    public static List<Install> filling(ShellScript script) {
        List<Install> out = new ArrayList<>();
        for (Command command : script.commands()) {
            filling(command.words().stream().map(Word::value).toList()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Install> pip(String tool, List<String> args) {
        boolean files = args.stream().anyMatch(a -> a.equals("-r") || a.startsWith("--requirement")
                || a.startsWith("-r") && a.length() > 2 || a.equals(".") || a.equals("-e") || a.startsWith("./"));
        return found(tool, "python", !files);
    }

    /**
     * An install of npm, pnpm, bun ({@code install}, {@code i}, {@code ci}, {@code add}) or yarn (bare, {@code install},
     * {@code add}), its subcommand and packages read past the options and their values ({@code npm --prefix web ci}
     * installs web's package.json; {@code yarn --cwd web start} runs a script). Named when packages follow
     * ({@code npm install express}) or it adds them.
     */
    private static Optional<Install> node(String program, List<String> args) {
        List<String> operands = NodeManagerOptions.operands(program, args);
        String sub = operands.isEmpty() ? "" : operands.get(0);
        boolean packages = operands.size() > 1;
        String folder = folderOption(args);
        if (program.equals("yarn")) {
            return sub.isEmpty() || sub.equals("install")
                    ? Optional.of(new Install(sub.isEmpty() ? "yarn" : "yarn install", "node", false, folder))
                    : sub.equals("add") ? Optional.of(new Install("yarn add", "node", true, folder)) : Optional.empty();
        }
        return NODE_INSTALLS.contains(sub) && !(program.equals("npm") && sub.equals("add"))
                ? Optional.of(new Install(program + " " + sub, "node", sub.equals("add") || packages, folder))
                : Optional.empty();
    }

    /** The folder option as written ({@code --prefix web}, {@code --dir=web}), or null when the install has none. */
    private static String folderOption(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (FOLDER_OPTIONS.contains(name)) {
                return eq >= 0 ? name + " " + a.substring(eq + 1) : i + 1 < args.size() ? a + " " + args.get(i + 1) : null;
            }
        }
        return null;
    }

    private static Optional<Install> found(String tool, String ecosystem, boolean named) {
        return Optional.of(new Install(tool, ecosystem, named));
    }
}
