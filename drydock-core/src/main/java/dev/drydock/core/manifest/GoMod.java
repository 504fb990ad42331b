package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Go {@code go.mod}: {@code module}, {@code go}, {@code toolchain}, and {@code require},
 * {@code replace}, {@code exclude} directives in single-line and {@code ( ... )} block form, with
 * {@code //} comments ({@code // indirect} marks indirect requirements) and quoted paths. Other
 * directives ({@code retract}, {@code tool}, {@code godebug}, ...) are accepted and skipped; an
 * unknown one or a malformed line is a diagnostic.
 */
public final class GoMod {

    public record Require(String path, String version, boolean indirect, Span span) {}

    /** {@code old [oldVersion] => new [newVersion]}; a local directory replacement has no new version. */
    public record Replace(String oldPath, String oldVersion, String newPath, String newVersion, Span span) {

        public boolean isLocal() {
            return newPath.startsWith("./") || newPath.startsWith("../") || newPath.startsWith("/");
        }
    }

    public record Exclude(String path, String version, Span span) {}

    private static final Set<String> KNOWN = Set.of("module", "go", "toolchain", "require", "replace", "exclude", "retract",
            "tool", "godebug", "ignore");

    private final SourceFile file;
    private String module;
    private Span moduleSpan;
    private String goVersion;
    private Span goSpan;
    private String toolchain;
    private final List<Require> requires = new ArrayList<>();
    private final List<Replace> replaces = new ArrayList<>();
    private final List<Exclude> excludes = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private Set<LockFile> lockFiles = Set.of();

    private GoMod(SourceFile file) {
        this.file = file;
    }

    public static GoMod parse(SourceFile file) {
        return parse(file, List.of());
    }

    /** Reads go.mod; {@code siblings} are the names in its folder (for go.sum). */
    public static GoMod parse(SourceFile file, Collection<String> siblings) {
        GoMod mod = new GoMod(file);
        mod.lockFiles = LockFile.among(siblings, Ecosystem.GO);
        mod.read();
        return mod;
    }

    private record Word(String text, int start, int end) {}

    private void read() {
        String block = null;
        for (int n = 1; n <= file.lineCount(); n++) {
            int start = n == 1 ? Math.max(file.lineStart(1), file.contentStart()) : file.lineStart(n);
            String line = file.text().substring(start, file.lineEnd(n));
            int comment = commentStart(line);
            String commentText = comment < 0 ? "" : line.substring(comment + 2).trim();
            List<Word> words = words(line, comment < 0 ? line.length() : comment, start);
            if (words == null) {
                diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, file.span(start, file.lineEnd(n)),
                        "unterminated quoted string"));
                continue;
            }
            if (words.isEmpty()) {
                continue;
            }
            Span span = file.span(words.get(0).start(), words.get(words.size() - 1).end());
            if (block != null) {
                if (words.get(0).text().equals(")")) {
                    block = null;
                    continue;
                }
                directive(block, words, commentText, span);
                continue;
            }
            String verb = words.get(0).text();
            if (!KNOWN.contains(verb)) {
                diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span, "unknown directive: " + verb));
                continue;
            }
            List<Word> args = words.subList(1, words.size());
            if (args.size() == 1 && args.get(0).text().equals("(")) {
                block = verb;
                continue;
            }
            directive(verb, args, commentText, span);
        }
        if (block != null) {
            diagnostics.add(new Diagnostic(Diagnostic.Level.ERROR, file.path(), file.lineCount(), 1,
                    "the " + block + " block is not closed with ')'"));
        }
        if (module == null) {
            diagnostics.add(new Diagnostic(Diagnostic.Level.ERROR, file.path(), 1, 1, "no module directive"));
        }
    }

    private void directive(String verb, List<Word> args, String comment, Span span) {
        switch (verb) {
            case "module" -> {
                if (args.size() != 1) {
                    error(span, "usage: module module/path");
                } else {
                    module = args.get(0).text();
                    moduleSpan = span;
                }
            }
            case "go" -> {
                if (args.size() != 1) {
                    error(span, "usage: go 1.23");
                } else {
                    goVersion = args.get(0).text();
                    goSpan = span;
                }
            }
            case "toolchain" -> {
                if (args.size() != 1) {
                    error(span, "usage: toolchain go1.23.1");
                } else {
                    toolchain = args.get(0).text();
                }
            }
            case "require" -> {
                if (args.size() != 2) {
                    error(span, "usage: require module/path v1.2.3");
                } else {
                    boolean indirect = comment.equals("indirect") || comment.startsWith("indirect;");
                    requires.add(new Require(args.get(0).text(), args.get(1).text(), indirect, span));
                }
            }
            case "exclude" -> {
                if (args.size() != 2) {
                    error(span, "usage: exclude module/path v1.2.3");
                } else {
                    excludes.add(new Exclude(args.get(0).text(), args.get(1).text(), span));
                }
            }
            case "replace" -> {
                int arrow = -1;
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).text().equals("=>")) {
                        arrow = i;
                    }
                }
                int left = arrow;
                int right = args.size() - arrow - 1;
                if (arrow < 0 || left < 1 || left > 2 || right < 1 || right > 2) {
                    error(span, "usage: replace module/path [v1.2.3] => other/module v1.4 | ./local/dir");
                } else {
                    replaces.add(new Replace(args.get(0).text(), left == 2 ? args.get(1).text() : null,
                            args.get(arrow + 1).text(), right == 2 ? args.get(arrow + 2).text() : null, span));
                }
            }
            default -> {
                // retract, tool, godebug, ignore: not needed for reviews
            }
        }
    }

    private void error(Span span, String message) {
        diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span, message));
    }

    /** Index of a {@code //} comment outside quotes, or -1. */
    private static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return i;
            }
        }
        return -1;
    }

    /** Words (quoted ones unquoted) with file offsets; null when a quote is not closed. */
    private static List<Word> words(String line, int end, int base) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < end) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int s = i;
            if (c == '"' || c == '`') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < end && line.charAt(i) != c) {
                    if (c == '"' && line.charAt(i) == '\\' && i + 1 < end) {
                        i++;
                    }
                    value.append(line.charAt(i++));
                }
                if (i >= end) {
                    return null;
                }
                i++;
                words.add(new Word(value.toString(), base + s, base + i));
            } else if (c == '(' || c == ')') {
                words.add(new Word(String.valueOf(c), base + s, base + s + 1));
                i++;
            } else {
                while (i < end && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '(' && line.charAt(i) != ')') {
                    i++;
                }
                words.add(new Word(line.substring(s, i), base + s, base + i));
            }
        }
        return words;
    }

    public SourceFile file() {
        return file;
    }

    public Optional<String> module() {
        return Optional.ofNullable(module);
    }

    public Optional<Span> moduleSpan() {
        return Optional.ofNullable(moduleSpan);
    }

    /** The {@code go} directive's version (the minimum Go version). */
    public Optional<String> goVersion() {
        return Optional.ofNullable(goVersion);
    }

    public Optional<Span> goSpan() {
        return Optional.ofNullable(goSpan);
    }

    public Optional<String> toolchain() {
        return Optional.ofNullable(toolchain);
    }

    public List<Require> requires() {
        return List.copyOf(requires);
    }

    public Optional<Require> require(String path) {
        return requires.stream().filter(r -> r.path().equals(path)).findFirst();
    }

    public List<Replace> replaces() {
        return List.copyOf(replaces);
    }

    public List<Exclude> excludes() {
        return List.copyOf(excludes);
    }

    public boolean hasGoSum() {
        return lockFiles.contains(LockFile.GO_SUM);
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Requirements as dependencies: every version in go.mod is exact (pinned); indirect ones are grouped as "indirect". */
    public Manifest toManifest() {
        List<Dependency> deps = requires.stream()
                .map(r -> new Dependency(r.path(), r.path(), r.version(), true, Scope.MAIN, r.indirect() ? "indirect" : null,
                        r.span()))
                .toList();
        return new Manifest(Ecosystem.GO, ManifestKind.GO_MOD, file.path(), deps, lockFiles, diagnostics);
    }
}
