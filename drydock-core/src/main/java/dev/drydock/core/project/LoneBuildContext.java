package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Heredoc;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build context of a Dockerfile that no compose file builds. Its own folder, as `docker build DIR`
 * with the Dockerfile in DIR; but a Dockerfile kept in a subfolder (docker/Dockerfile, built with
 * `docker build -f docker/Dockerfile .`) copies files that are only found from a folder above it, and
 * then the folder from which most of its COPY and ADD sources exist is taken; when none exists because all
 * are a build's output, the folder of the build file that writes it. A Dockerfile that copies the whole
 * context ({@code COPY . /app}) names no source, but its RUN, CMD, ENTRYPOINT and HEALTHCHECK lines
 * name files of the copy ({@code /app/scripts/start.sh}), which count as sources too. A Dockerfile that runs
 * {@code turbo prune} inside a workspace member (apps/web/Dockerfile) is built from the workspace root, the
 * folder above it that holds turbo.json: the prune reads the whole monorepo.
 */
final class LoneBuildContext {

    private LoneBuildContext() {}

    /** The context folder, relative to the project root ("" for the root itself). */
    static String of(Path root, String dockerfile, DockerfileModel model) {
        String own = PathNames.parent(dockerfile);
        if (model != null && TurboPrune.anyIn(model)) {
            Optional<String> workspace = turboRoot(root, own);
            if (workspace.isPresent()) {
                return workspace.get();
            }
        }
        List<String> copied = model == null ? List.of() : contextSources(model);
        List<String> sources = new ArrayList<>(copied);
        if (model != null) {
            sources.addAll(copiedContextPaths(model));
        }
        if (sources.isEmpty()) {
            return own;
        }
        String best = own;
        int bestFound = found(root, own, sources);
        String dir = own;
        while (!dir.isEmpty() && !dir.equals("/")) {
            dir = PathNames.parent(dir);
            int n = found(root, dir, sources);
            if (n > bestFound) {
                best = dir;
                bestFound = n;
            }
        }
        return bestFound > 0 || copied.isEmpty() ? best : buildOutputRoot(root, own, copied).orElse(best);
    }

    /** The topmost folder at or above the Dockerfile's that holds turbo.json: the workspace root. */
    private static Optional<String> turboRoot(Path root, String own) {
        Optional<String> found = Optional.empty();
        String dir = own;
        while (true) {
            Path base = dir.isEmpty() ? root : root.resolve(dir);
            if (Files.isRegularFile(base.resolve("turbo.json"))) {
                found = Optional.of(dir);
            }
            if (dir.isEmpty() || dir.equals("/")) {
                return found;
            }
            dir = PathNames.parent(dir);
        }
    }

    /** The folders a build tool writes its output to, by the build file that sits beside them. */
    private static final Map<String, List<String>> BUILD_OUTPUTS = Map.of(
            "target", List.of("pom.xml"),
            "build", List.of("build.gradle", "build.gradle.kts"));

    /**
     * When no source exists yet because they are all the output of a build that has not run (Quarkus'
     * src/main/docker/Dockerfile.jvm copies target/quarkus-app/), the nearest folder at or above the
     * Dockerfile's that holds the build file writing that output (pom.xml for target/, build.gradle for build/).
     */
    private static Optional<String> buildOutputRoot(Path root, String own, List<String> sources) {
        List<String> buildFiles = null;
        for (String source : sources) {
            int slash = source.indexOf('/');
            List<String> files = slash < 0 ? null : BUILD_OUTPUTS.get(source.substring(0, slash));
            if (files == null || buildFiles != null && !buildFiles.equals(files)) {
                return Optional.empty();
            }
            buildFiles = files;
        }
        String dir = own;
        while (true) {
            Path base = dir.isEmpty() ? root : root.resolve(dir);
            for (String file : buildFiles) {
                if (Files.isRegularFile(base.resolve(file))) {
                    return Optional.of(dir);
                }
            }
            if (dir.isEmpty() || dir.equals("/")) {
                return Optional.empty();
            }
            dir = PathNames.parent(dir);
        }
    }

    /** The COPY and ADD sources taken from the build context, as written relative to it ("." left out). */
    private static List<String> contextSources(DockerfileModel model) {
        List<String> out = new ArrayList<>();
        for (Stage stage : model.stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (!copy.fromContext()) {
                    continue;
                }
                List<String> heredocs = copy.heredocs().stream().map(Heredoc::name).toList();
                for (String source : copy.sources()) {
                    String path = source.startsWith("./") ? source.substring(2) : source;
                    path = path.startsWith("/") ? path.substring(1) : path;
                    if (path.isEmpty() || path.equals(".") || path.contains("$") || path.contains("://")
                            || path.startsWith("git@") || heredocs.contains(source)) {
                        continue;
                    }
                    out.add(path);
                }
            }
        }
        return out;
    }

    /** A path-like word: what a RUN, CMD or ENTRYPOINT line may name a file with. */
    private static final Pattern PATH_WORD = Pattern.compile("[A-Za-z0-9_.@+/-]+");

    /**
     * The files of a whole-context copy ({@code COPY . /app}) that the Dockerfile names in the image,
     * as context paths: {@code /app/scripts/start.sh}, or {@code scripts/start.sh} with WORKDIR /app,
     * is the context's scripts/start.sh. A relative word must hold a slash to count: a bare word is
     * too often a command or an argument.
     */
    private static List<String> copiedContextPaths(DockerfileModel model) {
        Set<String> copyDirs = new HashSet<>();
        for (Stage stage : model.stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromContext() && copy.containerPath() != null && !copy.sources().isEmpty()
                        && copy.sources().stream().allMatch(s -> s.equals(".") || s.equals("./"))) {
                    String dir = ContainerPaths.clean(copy.containerPath());
                    if (!dir.equals("/")) {
                        copyDirs.add(dir);
                    }
                }
            }
        }
        if (copyDirs.isEmpty()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Instruction instruction : model.syntax().instructions()) {
            if (!NAMING_KINDS.contains(instruction.kind())) {
                continue;
            }
            String workdir = model.step(instruction).map(step -> step.workdir() == null ? "/"
                    : step.workdir().value()).orElse("/");
            Matcher words = PATH_WORD.matcher(instruction.logicalText().text());
            while (words.find()) {
                String word = words.group();
                for (String dir : copyDirs) {
                    String inside = null;
                    if (word.startsWith(dir + "/")) {
                        inside = word.substring(dir.length() + 1);
                    } else if (!word.startsWith("/") && !word.startsWith("-") && word.contains("/")
                            && workdir != null && ContainerPaths.clean(workdir).equals(dir)) {
                        inside = word.startsWith("./") ? word.substring(2) : word;
                    }
                    if (inside != null && !inside.isEmpty() && !inside.startsWith(".")
                            && !inside.contains("..")) {
                        out.add(inside.endsWith("/") ? inside.substring(0, inside.length() - 1) : inside);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static final Set<InstructionKind> NAMING_KINDS = Set.of(InstructionKind.RUN, InstructionKind.CMD,
            InstructionKind.ENTRYPOINT, InstructionKind.HEALTHCHECK);

    private static int found(Path root, String dir, List<String> sources) {
        Path base = dir.isEmpty() ? root : root.resolve(dir);
        int n = 0;
        for (String source : sources) {
            if (exists(base, source)) {
                n++;
            }
        }
        return n;
    }

    /** Whether the source exists under base; for a pattern, whether its folder holds a name it can match. */
    private static boolean exists(Path base, String source) {
        int wildcard = indexOfWildcard(source);
        if (wildcard < 0) {
            return Files.exists(base.resolve(source));
        }
        String literal = source.substring(0, wildcard);
        int slash = literal.lastIndexOf('/');
        Path folder = slash < 0 ? base : base.resolve(literal.substring(0, slash));
        String prefix = literal.substring(slash + 1);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(prefix)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int indexOfWildcard(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return i;
            }
        }
        return -1;
    }
}
