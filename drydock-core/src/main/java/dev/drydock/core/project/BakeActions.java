package dev.drydock.core.project;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The builds of GitHub's {@code docker/bake-action} steps (and Depot's {@code depot/bake-action}, which takes the
 * same inputs): the {@code targets} (the {@code default} group when none) of the Bake {@code files} (those Bake looks
 * for when none), read from the {@code workdir}, with the {@code set} overrides of their context, Dockerfile and
 * target; each placed at the step. A step whose {@code source} is another repository, or whose files or targets are
 * given by an expression, is left out.
 */
final class BakeActions {

    private BakeActions() {}

    private static final Pattern BAKE_ACTION = Pattern.compile(
            "^(\\s*)(-\\s+)?uses:\\s*[\"']?(?:docker|depot)/bake-action@");

    private static final Pattern STEP_KEY = Pattern.compile("^\\s*(?:-\\s+)?(files|targets|set|source|workdir):\\s*(.*)$");

    /** The {@code source} values that build from the checkout: the path itself, or the Git context of the commit. */
    private static final Pattern LOCAL_SOURCE = Pattern.compile("\\.|\\./|\\{\\{\\s*defaultContext\\s*}}");

    static boolean mayDeclare(String text) {
        return text.contains("/bake-action@");
    }

    static List<DeclaredBuild> read(SourceFile file, Function<String, SourceFile> text, Predicate<String> isDirectory,
            Predicate<String> isFile) {
        List<DeclaredBuild> out = new ArrayList<>();
        for (int line = 1; line <= file.lineCount(); line++) {
            Matcher uses = BAKE_ACTION.matcher(file.line(line));
            if (uses.find()) {
                out.addAll(step(file, line, uses, text, isDirectory, isFile));
            }
        }
        return out;
    }

    private static List<DeclaredBuild> step(SourceFile file, int usesLine, Matcher uses,
            Function<String, SourceFile> text, Predicate<String> isDirectory, Predicate<String> isFile) {
        int first = DeclaredBuilds.stepStart(file, usesLine);
        int last = DeclaredBuilds.stepEnd(file, first);
        List<String> files = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> overrides = new ArrayList<>();
        String workdir = ".";
        for (int line = first; line <= last; line++) {
            Matcher key = STEP_KEY.matcher(file.line(line));
            if (!key.find()) {
                continue;
            }
            String value = DeclaredBuilds.scalar(key.group(2));
            switch (key.group(1)) {
                case "files" -> files.addAll(DeclaredBuilds.listValue(file, line, key.group(2)));
                case "targets" -> targets.addAll(DeclaredBuilds.listValue(file, line, key.group(2)));
                case "set" -> overrides.addAll(value.isEmpty() || value.startsWith("|") || value.startsWith(">")
                        ? DeclaredBuilds.listValue(file, line, key.group(2)) : List.of(value));
                case "source" -> {
                    if (!LOCAL_SOURCE.matcher(value).matches()) {
                        return List.of();
                    }
                }
                default -> workdir = value;
            }
        }
        String folder = DeclaredBuilds.resolve("", workdir);
        if (folder == null || !folder.isEmpty() && !isDirectory.test(folder)
                || files.stream().anyMatch(f -> f.contains("$")) || targets.stream().anyMatch(t -> t.contains("$"))) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String written : files) {
            String path = DeclaredBuilds.resolve(folder, written);
            if (path == null) {
                return List.of();
            }
            paths.add(path);
        }
        int start = file.lineStart(usesLine) + uses.group(1).length();
        Origin origin = new Origin(file.path(), file.span(start, file.lineEnd(usesLine)));
        return BakeBuilds.run(folder, paths, targets, overrides, origin, text, isDirectory, isFile);
    }
}
