package dev.drydock.core.ignore;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code .gitignore} file read and matched as git does ({@code dir.c} and {@code wildmatch}
 * with {@code WM_PATHNAME}), which differs from Docker's rules:
 *
 * <ul>
 *   <li>a UTF-8 byte order mark is skipped; lines end at LF (a CR before it is dropped); a line
 *       starting with {@code #} is a comment; leading white space is part of the pattern; trailing
 *       spaces are removed unless escaped with {@code \};
 *   <li>{@code !} negates; {@code \!} and {@code \#} are literal; {@code \} escapes any character;
 *   <li>a trailing {@code /} matches directories only; a pattern with no other {@code /} matches
 *       the last path element at any depth below the file's directory, otherwise the whole path
 *       relative to that directory (a leading {@code /} only anchors);
 *   <li>{@code *} and {@code ?} never match {@code /}; {@code **} matches across directories only
 *       as {@code **}{@code /...}, {@code .../**}{@code /...} or {@code .../**} (elsewhere it is
 *       {@code *}); {@code [...]} classes take {@code !} or {@code ^}, ranges, {@code [:alpha:]}
 *       names and never match {@code /}; an unclosed class matches nothing;
 *   <li>matching is byte-wise on UTF-8 and case-sensitive (git's default on Linux);
 *   <li>the last matching line wins, and a path inside an ignored directory is ignored whatever
 *       later lines say (git never looks inside that directory).
 * </ul>
 */
public final class GitIgnore {

    private final SourceFile file;
    private final String baseDir;
    private final List<GitIgnorePattern> patterns;
    private final List<Glob> globs;

    private GitIgnore(SourceFile file, String baseDir, List<GitIgnorePattern> patterns, List<Glob> globs) {
        this.file = file;
        this.baseDir = baseDir;
        this.patterns = List.copyOf(patterns);
        this.globs = List.copyOf(globs);
    }

    /** Reads a .gitignore whose patterns apply beneath the directory holding it (from its path). */
    public static GitIgnore parse(SourceFile file) {
        String path = file.path();
        int slash = path.lastIndexOf('/');
        return parse(file, slash < 0 ? "" : path.substring(0, slash));
    }

    /** Reads a .gitignore whose patterns apply beneath {@code baseDir} ("" for the project root). */
    public static GitIgnore parse(SourceFile file, String baseDir) {
        String base = GoPath.clean(baseDir);
        base = base.equals(".") ? "" : base.replaceAll("^/+", "");
        String text = file.text();
        List<GitIgnorePattern> patterns = new ArrayList<>();
        List<Glob> globs = new ArrayList<>();
        int start = file.contentStart();
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            if (end > start && text.charAt(start) != '#') {
                int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
                contentEnd = trimTrailingSpaces(text, start, contentEnd);
                addPattern(file, base, start, contentEnd, patterns, globs);
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return new GitIgnore(file, base, patterns, globs);
    }

    private static int trimTrailingSpaces(String text, int start, int end) {
        int lastSpace = -1;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            } else if (c == '\\') {
                i++;
                if (i >= end) {
                    return end;
                }
                lastSpace = -1;
            } else {
                lastSpace = -1;
            }
        }
        return lastSpace < 0 ? end : lastSpace;
    }

    private static void addPattern(SourceFile file, String base, int start, int end, List<GitIgnorePattern> patterns,
            List<Glob> globs) {
        String text = file.text().substring(start, end);
        String p = text;
        boolean negated = false;
        if (p.startsWith("!")) {
            negated = true;
            p = p.substring(1);
        }
        boolean directoryOnly = false;
        if (p.endsWith("/")) {
            directoryOnly = true;
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.indexOf('/') >= 0;
        if (anchored && p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return; // matches nothing
        }
        var span = file.span(start, end);
        patterns.add(new GitIgnorePattern(text, p, negated, directoryOnly, anchored, base, span.startLine(), span));
        globs.add(compile(p));
    }

    /** Compiles a pattern into steps over UTF-8 bytes, following wildmatch with WM_PATHNAME. */
    static Glob compile(String pattern) {
        int[] p = Glob.utf8(pattern);
        Glob.Builder b = new Glob.Builder();
        int i = 0;
        while (i < p.length) {
            int c = p[i];
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= p.length) {
                        return never(); // a trailing backslash never matches
                    }
                    b.literal(p[i + 1]);
                    i += 2;
                }
                case '?' -> {
                    b.add(Glob.Step.of(Glob.Kind.ONE_NOT_SLASH));
                    i++;
                }
                case '*' -> {
                    int stars = i;
                    while (i < p.length && p[i] == '*') {
                        i++;
                    }
                    boolean doubled = i - stars >= 2;
                    boolean atStart = stars == 0 || p[stars - 1] == '/';
                    boolean beforeSlash = i == p.length || p[i] == '/' || (p[i] == '\\' && i + 1 < p.length && p[i + 1] == '/');
                    if (doubled && atStart && beforeSlash) {
                        if (i == p.length) {
                            b.add(Glob.Step.of(Glob.Kind.ANYTHING));
                        } else {
                            // "**/": zero or more directories; the slash is part of the step
                            b.add(Glob.Step.of(Glob.Kind.DIRECTORIES));
                            i += p[i] == '\\' ? 2 : 1;
                        }
                    } else {
                        b.add(Glob.Step.of(Glob.Kind.RUN_NOT_SLASH));
                    }
                }
                case '[' -> {
                    int next = compileClass(p, i + 1, b);
                    if (next < 0) {
                        return never();
                    }
                    i = next;
                }
                default -> {
                    b.literal(c);
                    i++;
                }
            }
        }
        return new Glob(b.steps, false, true);
    }

    private static Glob never() {
        // an empty class can match no symbol
        return new Glob(List.of(Glob.Step.cls(new int[0], false)), false, true);
    }

    private static final String[] POSIX = {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print",
        "punct", "space", "upper", "xdigit"};

    /** Reads a class after '['; returns the index after its ']' or -1 when it is malformed. */
    private static int compileClass(int[] p, int i, Glob.Builder b) {
        boolean negated = false;
        if (i < p.length && (p[i] == '!' || p[i] == '^')) {
            negated = true;
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        int prev = -1;
        boolean first = true;
        while (true) {
            if (i >= p.length) {
                return -1;
            }
            int c = p[i];
            if (!first && c == ']') {
                i++;
                break;
            }
            first = false;
            if (c == '\\') {
                i++;
                if (i >= p.length) {
                    return -1;
                }
                c = p[i];
                ranges.add(c);
                ranges.add(c);
                prev = c;
                i++;
            } else if (c == '-' && prev >= 0 && i + 1 < p.length && p[i + 1] != ']') {
                i++;
                int hi = p[i];
                if (hi == '\\') {
                    i++;
                    if (i >= p.length) {
                        return -1;
                    }
                    hi = p[i];
                }
                ranges.add(prev);
                ranges.add(hi);
                prev = -1;
                i++;
            } else if (c == '[' && i + 1 < p.length && p[i + 1] == ':') {
                int close = -1;
                for (int j = i + 2; j + 1 < p.length; j++) {
                    if (p[j] == ']') {
                        break;
                    }
                    if (p[j] == ':' && p[j + 1] == ']') {
                        close = j;
                        break;
                    }
                }
                if (close < 0) {
                    // no ":]": the '[' is an ordinary member
                    ranges.add(c);
                    ranges.add(c);
                    prev = c;
                    i++;
                } else {
                    StringBuilder name = new StringBuilder();
                    for (int j = i + 2; j < close; j++) {
                        name.appendCodePoint(p[j]);
                    }
                    if (!addPosix(name.toString(), ranges)) {
                        return -1;
                    }
                    prev = -1;
                    i = close + 2;
                }
            } else {
                ranges.add(c);
                ranges.add(c);
                prev = c;
                i++;
            }
        }
        b.add(Glob.Step.cls(ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
        return i;
    }

    private static boolean addPosix(String name, List<Integer> ranges) {
        for (int c = 0; c < 128; c++) {
            boolean in = switch (name) {
                case "alnum" -> Character.isLetterOrDigit(c);
                case "alpha" -> Character.isLetter(c);
                case "blank" -> c == ' ' || c == '\t';
                case "cntrl" -> c < 32 || c == 127;
                case "digit" -> c >= '0' && c <= '9';
                case "graph" -> c > 32 && c < 127;
                case "lower" -> c >= 'a' && c <= 'z';
                case "print" -> c >= 32 && c < 127;
                case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
                case "space" -> c == ' ' || (c >= 9 && c <= 13);
                case "upper" -> c >= 'A' && c <= 'Z';
                case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                default -> false;
            };
            if (in) {
                ranges.add(c);
                ranges.add(c);
            }
        }
        return java.util.Arrays.asList(POSIX).contains(name);
    }

    public SourceFile file() {
        return file;
    }

    /** The directory the patterns apply beneath, relative to the project root ("" at root). */
    public String baseDir() {
        return baseDir;
    }

    public List<GitIgnorePattern> patterns() {
        return patterns;
    }

    /**
     * Whether git ignores {@code relativePath} (relative to the project root, '/'-separated):
     * either a parent directory is ignored, or the last pattern matching the path is not negated.
     */
    public boolean isIgnored(String relativePath, boolean isDirectory) {
        return matchingPattern(relativePath, isDirectory).map(p -> !p.negated()).orElse(false);
    }

    /**
     * The pattern that decides {@code relativePath}: the one that ignores a parent directory if
     * any does, else the last pattern matching the path itself (negated means "not ignored").
     */
    public Optional<GitIgnorePattern> matchingPattern(String relativePath, boolean isDirectory) {
        String path = GoPath.clean(relativePath);
        path = path.replaceAll("^/+", "");
        if (path.isEmpty() || path.equals(".")) {
            return Optional.empty();
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            int parent = lastMatch(path.substring(0, slash), true);
            if (parent >= 0 && !patterns.get(parent).negated()) {
                return Optional.of(patterns.get(parent));
            }
        }
        int own = lastMatch(path, isDirectory);
        return own < 0 ? Optional.empty() : Optional.of(patterns.get(own));
    }

    private int lastMatch(String path, boolean isDirectory) {
        String relative;
        if (baseDir.isEmpty()) {
            relative = path;
        } else if (path.startsWith(baseDir + "/")) {
            relative = path.substring(baseDir.length() + 1);
        } else {
            return -1;
        }
        int slash = relative.lastIndexOf('/');
        int[] whole = null;
        int[] name = null;
        for (int i = patterns.size() - 1; i >= 0; i--) {
            GitIgnorePattern p = patterns.get(i);
            if (p.directoryOnly() && !isDirectory) {
                continue;
            }
            int[] subject;
            if (p.anchored()) {
                subject = whole != null ? whole : (whole = Glob.utf8(relative));
            } else {
                subject = name != null ? name : (name = Glob.utf8(relative.substring(slash + 1)));
            }
            if (globs.get(i).matches(subject)) {
                return i;
            }
        }
        return -1;
    }
}
