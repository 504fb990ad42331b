package dev.drydock.core.ignore;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code .dockerignore} file read and matched exactly as Docker (BuildKit, through moby's
 * {@code ignorefile} and {@code patternmatcher}) does.
 *
 * <p>Reading: lines end at LF (a CR before it is dropped); a UTF-8 byte order mark before the
 * first line is skipped; a line whose first character is {@code #} is a comment (an indented
 * {@code #} is not); white space is trimmed; blank lines are skipped; a leading {@code !} (and
 * white space after it) marks an exception; the rest is cleaned like Go's {@code filepath.Clean}
 * and a leading {@code /} is dropped. A bare {@code !} and malformed patterns make Docker fail the
 * build: they are reported as error diagnostics and take no part in matching.
 *
 * <p>Matching: a path (relative to the build context) is excluded when the last pattern that
 * matches it, or matches one of its parent directories, is not an exception. See
 * {@link DockerGlob} for the wildcard syntax.
 */
public final class DockerIgnore {

    private final SourceFile file;
    private final List<DockerIgnorePattern> patterns;
    private final List<DockerGlob> globs;
    private final List<Diagnostic> diagnostics;

    private DockerIgnore(SourceFile file, List<DockerIgnorePattern> patterns, List<DockerGlob> globs,
            List<Diagnostic> diagnostics) {
        this.file = file;
        this.patterns = List.copyOf(patterns);
        this.globs = List.copyOf(globs);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** An empty ignore file: nothing is excluded (as when the context has no .dockerignore). */
    public static DockerIgnore empty() {
        return new DockerIgnore(null, List.of(), List.of(), List.of());
    }

    public static DockerIgnore parse(SourceFile file) {
        String text = file.text();
        List<DockerIgnorePattern> patterns = new ArrayList<>();
        List<DockerGlob> globs = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        int start = file.contentStart();
        int lineNumber = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' && nl >= 0 ? end - 1 : end;
            lineNumber++;
            readLine(file, start, contentEnd, patterns, globs, diagnostics);
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return new DockerIgnore(file, patterns, globs, diagnostics);
    }

    private static void readLine(SourceFile file, int start, int end, List<DockerIgnorePattern> patterns,
            List<DockerGlob> globs, List<Diagnostic> diagnostics) {
        String raw = file.text().substring(start, end);
        if (raw.startsWith("#")) {
            return;
        }
        String trimmed = GoPath.trimSpace(raw);
        if (trimmed.isEmpty()) {
            return;
        }
        int lead = raw.indexOf(trimmed);
        Span span = file.span(start + lead, start + lead + trimmed.length());
        String pattern = trimmed;
        boolean exception = pattern.charAt(0) == '!';
        if (exception) {
            pattern = GoPath.trimSpace(pattern.substring(1));
        }
        if (!pattern.isEmpty()) {
            pattern = GoPath.clean(pattern);
            if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                pattern = pattern.substring(1);
            }
        }
        // patternmatcher.New trims and cleans the (possibly "!"-prefixed) pattern once more
        String full = GoPath.clean(GoPath.trimSpace((exception ? "!" : "") + pattern));
        exception = full.charAt(0) == '!';
        pattern = exception ? full.substring(1) : full;
        if (exception && pattern.isEmpty()) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span,
                    "illegal exclusion pattern \"!\": Docker refuses this .dockerignore"));
            return;
        }
        DockerGlob glob = DockerGlob.compile(pattern);
        if (glob.error != null) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, file, span,
                    "bad pattern '" + trimmed + "': " + glob.error + "; Docker refuses this .dockerignore"));
            return;
        }
        for (String warning : glob.warnings) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, span, "pattern '" + trimmed + "': " + warning));
        }
        int line = span.startLine();
        patterns.add(new DockerIgnorePattern(trimmed, pattern, exception, line, span));
        globs.add(glob);
    }

    /** The file read, or null for {@link #empty()}. */
    public SourceFile file() {
        return file;
    }

    /** The usable patterns in file order (refused lines are only in {@link #diagnostics()}). */
    public List<DockerIgnorePattern> patterns() {
        return patterns;
    }

    /** Refused lines (ERROR: Docker fails the build) and surprising ones (WARNING). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Whether Docker would refuse this file and fail the build. */
    public boolean refusedByDocker() {
        return diagnostics.stream().anyMatch(d -> d.level() == Diagnostic.Level.ERROR);
    }

    public boolean hasExceptions() {
        return patterns.stream().anyMatch(DockerIgnorePattern::exception);
    }

    /**
     * Whether {@code relativePath} (a file or directory, '/'-separated, relative to the build
     * context) is left out of the build context. The context root itself is never excluded.
     */
    public boolean matches(String relativePath) {
        int decider = decide(relativePath);
        return decider >= 0 && !patterns.get(decider).exception();
    }

    /** Whether {@code COPY . .} (or any copy of the context) would bring {@code relativePath} in. */
    public boolean includes(String relativePath) {
        return !matches(relativePath);
    }

    /**
     * The pattern that decides {@code relativePath}: the last one that matches it or one of its
     * parent directories. An exception here means the path is included again. Empty when no
     * pattern matches (the path is included).
     */
    public Optional<DockerIgnorePattern> matchingPattern(String relativePath) {
        int i = decide(relativePath);
        return i < 0 ? Optional.empty() : Optional.of(patterns.get(i));
    }

    /**
     * Whether directory {@code relativeDir} and everything beneath it is excluded: the directory
     * is excluded and no later exception could re-include anything under it. Conservative: an
     * exception that could re-include something answers false even if a later line excludes it
     * again.
     */
    public boolean excludesEntireDirectory(String relativeDir) {
        String dir = normalize(relativeDir);
        if (dir == null) {
            // the whole context: excluded entirely only if every top-level name is
            return false;
        }
        int decider = decide(dir);
        if (decider < 0 || patterns.get(decider).exception()) {
            return false;
        }
        for (int i = decider + 1; i < patterns.size(); i++) {
            if (patterns.get(i).exception() && globs.get(i).canMatchBeneath(dir)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code pattern} (one of this file's) reaches {@code relativePath} only through a folder above it: it
     * matches a parent directory but neither the path itself nor anything beneath it ({@code !/src} deciding
     * {@code src/__pycache__}), so that the line stands for the whole folder rather than for this path.
     */
    public boolean matchesOnlyAbove(DockerIgnorePattern pattern, String relativePath) {
        int index = patterns.indexOf(pattern);
        String path = normalize(relativePath);
        if (index < 0 || path == null) {
            return false;
        }
        DockerGlob glob = globs.get(index);
        if (glob.matches(path) || glob.canMatchBeneath(path)) {
            return false;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (glob.matches(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** Index of the deciding pattern, or -1. */
    private int decide(String relativePath) {
        String path = normalize(relativePath);
        if (path == null) {
            return -1;
        }
        List<String> parents = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            parents.add(path.substring(0, slash));
        }
        int decider = -1;
        for (int i = 0; i < globs.size(); i++) {
            DockerGlob glob = globs.get(i);
            boolean match = glob.matches(path);
            for (int p = 0; !match && p < parents.size(); p++) {
                match = glob.matches(parents.get(p));
            }
            if (match) {
                decider = i;
            }
        }
        return decider;
    }

    /** Cleans a path the way Docker does before matching; null for the context root. */
    private static String normalize(String relativePath) {
        String path = GoPath.clean(relativePath);
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        path = path.substring(i);
        return path.isEmpty() || path.equals(".") ? null : path;
    }
}
