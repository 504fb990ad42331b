package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Elixir {@code mix.exs}, read as text as far as its dependencies: the tuples of the {@code deps}
 * function ({@code {:phoenix, "~> 1.7"}}, {@code {:credo, "~> 1.7", only: [:dev, :test], runtime: false}}),
 * written with {@code do ... end} or {@code , do: [...]}, or of a {@code deps:} list in {@code project}. The code is not
 * evaluated: a dependency built by other code is not seen.
 */
public final class MixExs {

    /**
     * One dependency tuple.
     *
     * @param requirement the version requirement as written ("" for git, path or umbrella dependencies)
     * @param only the environments of {@code only:}, empty when it is needed in all of them
     * @param fixedSource whether its source fixes the code: a local path, an umbrella sibling, a git
     *     dependency with {@code ref:} or {@code tag:}
     * @param span the tuple
     */
    public record Dep(String name, String requirement, List<String> only, boolean fixedSource, Span span) {

        /** A bare or {@code ==} version is exact in Elixir's requirements; {@code ~>} and ranges are not. */
        public boolean isPinned() {
            String r = requirement.trim();
            return fixedSource || r.matches("(==\\s*)?[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?");
        }

        public Scope scope() {
            if (only.isEmpty() || only.contains("prod")) {
                return Scope.MAIN;
            }
            return only.contains("dev") ? Scope.DEV : Scope.TEST;
        }
    }

    private static final Pattern DEPS_FUNCTION = Pattern.compile("\\bdefp?\\s+deps(\\s*\\(\\s*\\))?\\s+do\\b");
    private static final Pattern DEPS_KEYWORD = Pattern.compile(
            "\\bdefp?\\s+deps(\\s*\\(\\s*\\))?\\s*,\\s*do:\\s*\\[|\\bdeps:\\s*\\[");
    private static final Pattern TUPLE_START = Pattern.compile("\\{\\s*:([a-z_][A-Za-z0-9_]*)\\s*,");
    private static final Pattern REQUIREMENT = Pattern.compile("\\A\\s*\"([^\"]*)\"");
    private static final Pattern ONLY = Pattern.compile("\\bonly:\\s*(\\[[^\\]]*]|:[a-z_]+)");
    private static final Pattern ATOM = Pattern.compile(":([a-z_]+)");
    private static final Pattern LOCAL = Pattern.compile("\\b(path|in_umbrella):");
    private static final Pattern GIT_REF = Pattern.compile("\\b(git|github):[^}]*\\b(ref|tag):");

    private final SourceFile file;
    private final List<Dep> deps;
    private final Set<LockFile> lockFiles;

    private MixExs(SourceFile file, List<Dep> deps, Set<LockFile> lockFiles) {
        this.file = file;
        this.deps = List.copyOf(deps);
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
    }

    /** Reads mix.exs; {@code siblings} are the names in its folder (for mix.lock). Never fails. */
    public static MixExs parse(SourceFile file, Collection<String> siblings) {
        String text = file.text();
        int[] region = region(text);
        List<Dep> deps = new ArrayList<>();
        if (region != null) {
            Matcher tuple = TUPLE_START.matcher(text).region(region[0], region[1]);
            while (tuple.find()) {
                int lineStart = text.lastIndexOf('\n', tuple.start()) + 1;
                if (text.substring(lineStart, tuple.start()).contains("#")) {
                    int eol = text.indexOf('\n', tuple.start());
                    if (eol < 0 || eol >= region[1]) {
                        break;
                    }
                    tuple.region(eol, region[1]);
                    continue; // a commented-out dependency
                }
                int end = closingBrace(text, tuple.start(), region[1]);
                if (end < 0) {
                    break;
                }
                String rest = text.substring(tuple.end(), end);
                Matcher requirement = REQUIREMENT.matcher(rest);
                String version = requirement.find() ? requirement.group(1) : "";
                List<String> only = new ArrayList<>();
                Matcher o = ONLY.matcher(rest);
                if (o.find()) {
                    Matcher atom = ATOM.matcher(o.group(1));
                    while (atom.find()) {
                        only.add(atom.group(1));
                    }
                }
                boolean fixed = LOCAL.matcher(rest).find() || GIT_REF.matcher(rest).find();
                deps.add(new Dep(tuple.group(1), version, only, fixed, file.span(tuple.start(), end + 1)));
                tuple.region(end + 1, region[1]);
            }
        }
        return new MixExs(file, deps, LockFile.among(siblings, Ecosystem.HEX));
    }

    /** The text of the deps function (to its {@code end}), else of a {@code deps: [...]} list; null when neither. */
    private static int[] region(String text) {
        Matcher function = DEPS_FUNCTION.matcher(text);
        if (function.find()) {
            Matcher end = Pattern.compile("(?m)^\\s*end\\b").matcher(text);
            int stop = end.find(function.end()) ? end.start() : text.length();
            return new int[] {function.end(), stop};
        }
        Matcher keyword = DEPS_KEYWORD.matcher(text);
        if (keyword.find()) {
            int close = closing(text, keyword.end() - 1, text.length(), '[', ']');
            return new int[] {keyword.end(), close < 0 ? text.length() : close};
        }
        return null;
    }

    private static int closingBrace(String text, int open, int limit) {
        return closing(text, open, limit, '{', '}');
    }

    /** The index of the bracket that closes the one at {@code open}, skipping strings; -1 when there is none. */
    private static int closing(String text, int open, int limit, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = text.indexOf('"', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '#') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? limit : eol;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    public SourceFile file() {
        return file;
    }

    public List<Dep> deps() {
        return deps;
    }

    public Manifest toManifest() {
        List<Dependency> out = new ArrayList<>();
        for (Dep d : deps) {
            out.add(new Dependency(d.name(), d.name(), d.requirement(), d.isPinned(), d.scope(),
                    d.only().isEmpty() ? null : String.join(",", d.only()), d.span()));
        }
        return new Manifest(Ecosystem.HEX, ManifestKind.MIX_EXS, file.path(), out, lockFiles, List.<Diagnostic>of());
    }
}
