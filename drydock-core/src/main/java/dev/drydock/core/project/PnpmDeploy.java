package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A RUN of {@code pnpm deploy} for one workspace package ({@code pnpm --filter=api --prod deploy /prod/api}, or with
 * the filter after {@code deploy}), which copies the package's own files into the target folder and installs its
 * dependencies into a new {@code node_modules} there. The package.json, its scripts and the package's files are
 * copies of the workspace package's; {@code node_modules} is pnpm's own. (The package.json "files" field, .npmignore
 * and .gitignore can leave files out: a path of the output still maps to the one it would be a copy of.)
 *
 * @param out the absolute target folder
 * @param workspace the absolute folder the RUN runs in, where the target and a path selector are resolved
 * @param selector the one filter: a package name ({@code api}, {@code @shop/api}) or a folder ({@code ./apps/api})
 */
record PnpmDeploy(String out, String workspace, String selector) {

    /** Options of pnpm that take the next word as their value. */
    private static final Set<String> VALUE_OPTIONS = Set.of("--filter", "-F", "--reporter", "--loglevel",
            "--store-dir", "--virtual-store-dir", "--modules-dir", "--config");

    /**
     * The deploy a RUN runs in {@code workdir}, when the package and the target folder are certain: one literal
     * filter naming a single package, a literal target, no {@code cd}, {@code --dir} or {@code -C} before it.
     */
    static Optional<PnpmDeploy> of(DockerfileModel model, CommandSpec run, String workdir) {
        List<Command> commands = model.script(run).map(ShellScript::commands).orElse(List.of());
        for (int c = 0; c < commands.size(); c++) {
            List<Word> words = commands.get(c).words();
            int pnpm = pnpmAt(words);
            if (pnpm < 0 || words.stream().skip(pnpm + 1).noneMatch(w -> w.value().equals("deploy"))) {
                continue;
            }
            if (commands.subList(0, c).stream().anyMatch(o -> o.is("cd", "pushd"))) {
                return Optional.empty();
            }
            return read(words.subList(pnpm + 1, words.size()), workdir);
        }
        return Optional.empty();
    }

    private static Optional<PnpmDeploy> read(List<Word> words, String workdir) {
        String selector = null;
        String target = null;
        boolean deploy = false;
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            if (!word.isLiteral()) {
                return Optional.empty();
            }
            String value = word.value();
            String filter = null;
            if (value.equals("--filter") || value.equals("-F")) {
                if (i + 1 >= words.size() || !words.get(i + 1).isLiteral()) {
                    return Optional.empty();
                }
                filter = words.get(++i).value();
            } else if (value.startsWith("--filter=")) {
                filter = value.substring("--filter=".length());
            } else if (value.equals("--dir") || value.equals("-C") || value.startsWith("--dir=")
                    || value.startsWith("-C") && value.length() > 2) {
                return Optional.empty();
            } else if (VALUE_OPTIONS.contains(value)) {
                i++;
            } else if (value.equals("deploy")) {
                deploy = true;
            } else if (!value.startsWith("-")) {
                if (!deploy || target != null) {
                    return Optional.empty(); // another command, or more than one folder
                }
                target = value;
            }
            if (filter != null) {
                if (selector != null) {
                    return Optional.empty(); // more than one package
                }
                selector = filter;
            }
        }
        if (!deploy || target == null || selector == null || !single(selector)) {
            return Optional.empty();
        }
        String workspace = PathNames.normalizeAbsolute("/", workdir);
        String out = PathNames.normalizeAbsolute(workspace, target);
        return out.equals(workspace) || PathNames.isUnder(workspace, out) ? Optional.empty()
                : Optional.of(new PnpmDeploy(out, workspace, selector));
    }

    /** A selector of one package: no dependency or dependent ranges ({@code api...}), exclusion or git range. */
    private static boolean single(String selector) {
        return !selector.isEmpty() && !selector.contains("...") && !selector.startsWith("!") && !selector.contains("[")
                && !selector.contains("^") && !selector.contains("*");
    }

    /**
     * The workspace path a path of the output is a copy of: the package's folder for the output folder, the package's
     * file for its files; empty for {@code node_modules} (pnpm installs it) and when the package can't be found.
     *
     * @param packageFolders the build-context folder of a workspace package, by its name
     * @param before the stage as it was before the RUN, which maps the package's context folder into the stage
     */
    Optional<String> origin(String path, Function<String, Optional<String>> packageFolders, ContextPaths before) {
        String rest = path.equals(out) ? "" : path.substring(out.equals("/") ? 1 : out.length() + 1);
        if (rest.equals("node_modules") || rest.startsWith("node_modules/")) {
            return Optional.empty();
        }
        return packageFolder(packageFolders, before).map(folder -> rest.isEmpty() ? folder : PathNames.join(folder, rest));
    }

    /** The package's folder in the stage: the selector's folder, or the folder of the package it names. */
    private Optional<String> packageFolder(Function<String, Optional<String>> packageFolders, ContextPaths before) {
        String s = selector.startsWith("{") && selector.endsWith("}") ? selector.substring(1, selector.length() - 1)
                : selector;
        if (s.startsWith(".") || s.startsWith("/")) {
            return Optional.of(PathNames.normalizeAbsolute(workspace, s));
        }
        return packageFolders.apply(s).flatMap(folder -> before.toContainer(folder).stream()
                .filter(p -> PathNames.isUnder(p, workspace)).findFirst());
    }

    /** The index of the word {@code pnpm} (or {@code corepack pnpm}) that starts the command, or -1. */
    private static int pnpmAt(List<Word> words) {
        for (int i = 0; i < words.size() && i < 3; i++) {
            String value = words.get(i).value();
            if (value.equals("pnpm") || value.endsWith("/pnpm")) {
                return i;
            }
        }
        return -1;
    }
}
