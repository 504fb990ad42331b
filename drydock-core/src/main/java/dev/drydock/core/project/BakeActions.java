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
 * given by an expression, is left out. Likewise a {@code docker buildx bake} (or {@code docker bake}) command line
 * of a CI or task file: its {@code -f} files, {@code --set} overrides and target operands, read from the folder it
 * runs in.
 */
final class BakeActions {

    private BakeActions() {}

    private static final Pattern BAKE_ACTION = Pattern.compile(
            "^(\\s*)(-\\s+)?uses:\\s*[\"']?(?:docker|depot)/bake-action@");

    private static final Pattern STEP_KEY = Pattern.compile("^\\s*(?:-\\s+)?(files|targets|set|source|workdir):\\s*(.*)$");

    /** The {@code source} values that build from the checkout: the path itself, or the Git context of the commit. */
    private static final Pattern LOCAL_SOURCE = Pattern.compile("\\.|\\./|\\{\\{\\s*defaultContext\\s*}}");

    private static final Pattern BAKE_COMMAND = Pattern.compile("(?<![\\w./-])docker\\s+(?:buildx\\s+)?bake(?![\\w-])");

    /** The options of {@code docker buildx bake} that take a value; every other option is a flag. */
    private static final java.util.Set<String> VALUED = java.util.Set.of("-f", "--file", "--set", "--progress",
            "--metadata-file", "--builder", "--allow", "--call", "--provenance", "--sbom", "--list", "--var");

    /** Options that make Bake print or check its definition instead of building. */
    private static final java.util.Set<String> NO_BUILD = java.util.Set.of("--print", "--list", "--check", "--call");

    static boolean mayDeclare(String text) {
        return text.contains("/bake-action@") || text.contains("bake") && BAKE_COMMAND.matcher(text).find();
    }

    /** The builds of the {@code docker buildx bake} command lines of a CI or task file. */
    static List<DeclaredBuild> commands(SourceFile file, Function<String, SourceFile> text,
            Predicate<String> isDirectory, Predicate<String> isFile) {
        List<DeclaredBuild> out = new ArrayList<>();
        Matcher command = BAKE_COMMAND.matcher(file.text());
        boolean steps = file.path().startsWith(".github/");
        while (command.find()) {
            String folder = steps ? DeclaredBuilds.stepWorkingDirectory(file, command.start(), "",
                    java.util.function.UnaryOperator.identity()) : "";
            folder = folder == null ? null : DeclaredBuilds.folderAt(file, command.start(), folder);
            if (folder == null || !folder.isEmpty() && !isDirectory.test(folder)) {
                continue;
            }
            List<String> words = DeclaredBuilds.wordsAfter(file, command.start(), command.end());
            if (words.stream().anyMatch(w -> w.contains("$") || w.contains("`") || NO_BUILD.contains(w.split("=")[0]))) {
                continue;
            }
            List<String> files = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            List<String> overrides = new ArrayList<>();
            for (int i = 0; i < words.size();) {
                String word = words.get(i);
                if (!word.startsWith("-")) {
                    targets.add(word);
                    i++;
                    continue;
                }
                CommandOption option = CommandOption.at(words, i, VALUED::contains);
                i = option.next();
                if (option.value() != null && (option.name().equals("-f") || option.name().equals("--file"))) {
                    files.add(DeclaredBuilds.resolve(folder, option.value()));
                } else if (option.value() != null && option.name().equals("--set")) {
                    overrides.add(option.value());
                }
            }
            if (files.contains(null)) {
                continue;
            }
            Origin origin = new Origin(file.path(), file.span(command.start(), command.end()));
            out.addAll(BakeBuilds.run(folder, files, targets, overrides, origin, text, isDirectory, isFile));
        }
        return out;
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
