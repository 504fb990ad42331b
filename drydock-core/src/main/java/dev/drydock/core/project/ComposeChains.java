package dev.drydock.core.project;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compose files that CI and task files start together: {@code docker compose -f compose.yaml -f
 * compose.prod.yaml up -d} in a Makefile recipe or variable, a justfile, a workflow's {@code run} or a GitLab
 * {@code script} item. Compose merges such files in the order given, each over the ones before it, and reads no
 * override file then. Only the options before the subcommand are Compose's own ({@code logs -f} follows the logs),
 * and only paths written literally are taken; a command with {@code --project-directory} is left out, for its
 * paths are read from another folder.
 */
final class ComposeChains {

    private ComposeChains() {}

    private static final Pattern COMPOSE_COMMAND = Pattern.compile(
            "(?<![\\w./-])(?:(?:docker|podman)\\s+compose|docker-compose|podman-compose)(?![\\w-])");

    /** Compose's global options that take a value; every other option before the subcommand is a flag. */
    private static final Set<String> VALUED = Set.of("-f", "--file", "-p", "--project-name", "--profile",
            "--env-file", "--project-directory", "--ansi", "--progress", "--parallel");

    /** Whether a file's text may start compose files together: a cheap test before reading it. */
    static boolean mayDeclare(String text) {
        return text.contains("compose") && (text.contains("-f") || text.contains("--file"));
    }

    /**
     * The chains of two or more compose files that one file's commands start, as root-relative paths in the
     * order given, each chain once; a chain naming a file the project does not have is left out.
     *
     * @param file the file, its path relative to the project root
     * @param cwd the folder its commands run in, relative to the project root
     * @param isFile whether a root-relative path is a file of the project
     */
    static List<List<String>> read(SourceFile file, String cwd, Predicate<String> isFile) {
        Set<List<String>> out = new LinkedHashSet<>();
        String text = file.text();
        Matcher command = COMPOSE_COMMAND.matcher(text);
        while (command.find()) {
            String folder = DeclaredBuilds.folderAt(file, command.start(), cwd);
            List<String> chain = folder == null ? null
                    : files(DeclaredBuilds.wordsAfter(file, command.start(), command.end()), folder);
            if (chain != null && chain.size() > 1 && chain.stream().allMatch(isFile)) {
                out.add(chain);
            }
        }
        return List.copyOf(out);
    }

    /** The files the global options name, resolved; null when one cannot be resolved. */
    private static List<String> files(List<String> words, String cwd) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < words.size() && words.get(i).startsWith("-");) { // up to the subcommand
            CommandOption option = CommandOption.at(words, i, VALUED::contains);
            i = option.next();
            String name = option.name();
            if (name.equals("--project-directory")) {
                return null;
            }
            if ((name.equals("-f") || name.equals("--file")) && option.value() != null) {
                written.add(option.value());
            }
        }
        List<String> out = new ArrayList<>();
        for (String path : written) {
            String resolved = DeclaredBuilds.resolve(cwd, path);
            if (resolved == null) {
                return null;
            }
            out.add(resolved);
        }
        return out;
    }
}
