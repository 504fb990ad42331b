package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A RUN of {@code turbo prune} (also through npx, yarn, pnpm dlx or bunx), which writes a pruned copy of the
 * workspace in its working directory to {@code out/} ({@code --out-dir}): with {@code --docker}, the workspaces'
 * package.json files under {@code json/} and their full sources under {@code full/}; without it, the sources in
 * {@code out/} itself. The lockfile, turbo.json and pnpm-workspace.yaml it writes are pruned rewrites, not copies.
 *
 * @param out the absolute output folder
 * @param workspace the absolute folder pruned (the RUN's working directory)
 * @param docker whether {@code --docker} splits the output
 * @param scopes the packages pruned for ({@code turbo prune web}, {@code --scope=web}), whose workspace dependencies
 *     prune keeps with them; the other packages' folders are left out
 */
record TurboPrune(String out, String workspace, boolean docker, List<String> scopes) {

    private static final Pattern TURBO = Pattern.compile("turbo(@[^/\\s]*)?");
    private static final Set<String> REWRITTEN = java.util.stream.Stream.concat(
            LockFile.fileNames(Ecosystem.NPM).stream(), java.util.stream.Stream.of("turbo.json", "pnpm-workspace.yaml"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether a RUN of the model runs {@code turbo prune}, read or not. */
    static boolean anyIn(DockerfileModel model) {
        return model.stages().stream().flatMap(s -> s.runs().stream())
                .anyMatch(run -> commands(model, run).stream().anyMatch(c -> pruneAt(c) >= 0));
    }

    /**
     * The prune a RUN runs in {@code workdir}, when its output folder is certain: written literally, and no
     * {@code cd} or {@code --cwd} moves it.
     */
    static Optional<TurboPrune> of(DockerfileModel model, CommandSpec run, String workdir) {
        List<Command> commands = commands(model, run);
        for (int c = 0; c < commands.size(); c++) {
            Command command = commands.get(c);
            int at = pruneAt(command);
            if (at < 0) {
                continue;
            }
            if (commands.subList(0, c).stream().anyMatch(o -> o.is("cd", "pushd"))) {
                return Optional.empty();
            }
            List<Word> words = command.words().subList(at + 2, command.words().size());
            String outDir = "out";
            boolean docker = false;
            List<String> scopes = new java.util.ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                Word word = words.get(i);
                String value = word.value();
                if (!word.isLiteral() || value.startsWith("--cwd")) {
                    return Optional.empty();
                }
                if (value.equals("--docker") || value.equals("--docker=true")) {
                    docker = true;
                } else if (value.startsWith("--scope=")) {
                    scopes.add(value.substring("--scope=".length()));
                } else if (value.equals("--scope") && i + 1 < words.size() && words.get(i + 1).isLiteral()) {
                    scopes.add(words.get(++i).value());
                } else if (!value.startsWith("-")) {
                    scopes.add(value);
                } else if (value.startsWith("--out-dir=")) {
                    outDir = value.substring("--out-dir=".length());
                } else if (value.equals("--out-dir")) {
                    if (i + 1 >= words.size() || !words.get(i + 1).isLiteral()) {
                        return Optional.empty();
                    }
                    outDir = words.get(++i).value();
                }
            }
            String workspace = PathNames.normalizeAbsolute("/", workdir);
            String out = PathNames.normalizeAbsolute(workspace, outDir);
            return out.equals(workspace) || PathNames.isUnder(workspace, out) ? Optional.empty()
                    : Optional.of(new TurboPrune(out, workspace, docker, List.copyOf(scopes)));
        }
        return Optional.empty();
    }

    /**
     * The workspace path a file of the output is a copy of: {@code out/full/X} (or {@code out/X}) of
     * {@code X}, {@code out/json/X} of {@code X} for a package.json; empty for what prune writes itself.
     */
    Optional<String> origin(String path) {
        return origin(path, name -> Optional.empty());
    }

    /**
     * The same, and empty for a file of a workspace package prune leaves out, when {@code packages} tells the
     * packages ({@link WorkspacePackages}) of the folder pruned, which is the build context.
     */
    Optional<String> origin(String path, Function<String, Optional<String>> packages) {
        Optional<String> origin = originIgnoringScopes(path);
        if (origin.isEmpty() || scopes.isEmpty() || !(packages instanceof WorkspacePackages known)) {
            return origin;
        }
        Optional<Set<String>> kept = known.withWorkspaceDependencies(scopes);
        if (kept.isEmpty()) {
            return origin;
        }
        String relative = workspace.equals("/") ? origin.get().substring(1)
                : origin.get().equals(workspace) ? "" : origin.get().substring(workspace.length() + 1);
        String owner = known.folders().stream().filter(f -> !f.isEmpty() && PathNames.isUnder(relative, f))
                .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
        return owner == null || kept.get().contains(owner) ? origin : Optional.empty();
    }

    private Optional<String> originIgnoringScopes(String path) {
        String rest = path.equals(out) ? "" : path.substring(out.equals("/") ? 1 : out.length() + 1);
        if (docker) {
            if (rest.equals("full")) {
                return Optional.of(workspace);
            }
            if (rest.startsWith("full/")) {
                return copied(rest.substring("full/".length()));
            }
            if (rest.startsWith("json/") && PathNames.fileName(rest).equals("package.json")) {
                return copied(rest.substring("json/".length()));
            }
            return Optional.empty();
        }
        return rest.isEmpty() ? Optional.of(workspace) : copied(rest);
    }

    private Optional<String> copied(String relative) {
        if (relative.isEmpty() || REWRITTEN.contains(relative)) {
            return Optional.empty();
        }
        return Optional.of(PathNames.normalizeAbsolute(workspace, relative));
    }

    private static List<Command> commands(DockerfileModel model, CommandSpec run) {
        return model.script(run).map(ShellScript::commands).orElse(List.of());
    }

    /** The index of the word {@code turbo} followed by {@code prune} in a command, or -1. */
    private static int pruneAt(Command command) {
        List<Word> words = command.words();
        for (int i = 0; i + 1 < words.size(); i++) {
            if (TURBO.matcher(words.get(i).value()).matches() && words.get(i + 1).value().equals("prune")) {
                return i;
            }
        }
        return -1;
    }
}
