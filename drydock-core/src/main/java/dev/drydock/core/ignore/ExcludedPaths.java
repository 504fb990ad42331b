package dev.drydock.core.ignore;

import dev.drydock.core.source.SourceFile;
import java.util.List;

/**
 * The paths a configuration leaves out of the review: {@code .gitignore} patterns relative to the folder
 * of the configuration file, which may lie above the project root ({@code base} is then the project
 * root's path from that folder, e.g. {@code services/api}; empty when the patterns are relative to the
 * project root itself).
 */
public final class ExcludedPaths {

    public static final ExcludedPaths NONE = new ExcludedPaths(List.of(), "");

    private final List<String> patterns;
    private final String base;
    private final GitIgnore compiled;

    public ExcludedPaths(List<String> patterns, String base) {
        this.patterns = List.copyOf(patterns);
        this.base = base.replace('\\', '/').replaceAll("^/+|/+$", "");
        this.compiled = this.patterns.isEmpty() ? null
                : GitIgnore.parse(SourceFile.of("exclude", String.join("\n", this.patterns) + "\n"));
    }

    public List<String> patterns() {
        return patterns;
    }

    /** The project root's path from the folder the patterns are relative to (empty: the project root). */
    public String base() {
        return base;
    }

    public boolean isEmpty() {
        return compiled == null;
    }

    /** Whether a path relative to the project root ({@code /}-separated) is excluded. */
    public boolean excludes(String relative, boolean directory) {
        if (compiled == null || relative == null) {
            return false;
        }
        String path = base.isEmpty() ? relative : relative.isEmpty() || relative.equals(".") ? base : base + "/" + relative;
        return compiled.isIgnored(path, directory);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExcludedPaths that && patterns.equals(that.patterns) && base.equals(that.base);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode() * 31 + base.hashCode();
    }

    @Override
    public String toString() {
        return base.isEmpty() ? patterns.toString() : patterns + " from " + base;
    }
}
