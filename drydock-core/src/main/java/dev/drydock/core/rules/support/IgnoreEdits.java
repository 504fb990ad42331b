package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.ignore.DockerIgnorePattern;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Edits that keep paths out of a build context: patterns appended to the ignore file in effect, or a
 * new .dockerignore at the context root. A pattern the file already has is not written again, and
 * neither is one that would exclude something a COPY or ADD of the Dockerfile names.
 */
public final class IgnoreEdits {

    private IgnoreEdits() {}

    /**
     * The patterns appended to the build's ignore file under {@code # comment}, after a blank line;
     * null when the build has no ignore file or every pattern is there already or needed by a COPY.
     */
    public static TextEdit append(BuildLink build, List<String> patterns, String comment) {
        SourceFile file = build.ignore().file();
        if (build.dockerignore() == null || file == null || !file.path().equals(build.dockerignore())) {
            return null;
        }
        List<String> missing = usable(build, patterns);
        if (missing.isEmpty()) {
            return null;
        }
        String text = file.text().substring(file.contentStart());
        boolean separate = !text.isBlank() && !text.endsWith("\n\n") && !text.endsWith("\n\r\n");
        return SourceEdits.appendLines(file, (separate ? "\n" : "") + "# " + comment + "\n" + String.join("\n", missing));
    }

    /**
     * A new .dockerignore at the root of the build context with the groups of patterns, each under its
     * comment; null when the build has an ignore file already or nothing is left to write.
     */
    public static TextEdit create(BuildLink build, Map<String, List<String>> groups) {
        if (build.dockerignore() != null) {
            return null;
        }
        Set<String> written = new LinkedHashSet<>();
        List<String> blocks = new ArrayList<>();
        for (var group : groups.entrySet()) {
            List<String> patterns = new ArrayList<>(usable(build, group.getValue()));
            patterns.removeIf(p -> !written.add(key(p)));
            if (!patterns.isEmpty()) {
                blocks.add("# " + group.getKey() + "\n" + String.join("\n", patterns) + "\n");
            }
        }
        if (blocks.isEmpty()) {
            return null;
        }
        return TextEdit.create(PathNames.join(build.context(), ".dockerignore"), String.join("\n", blocks));
    }

    /**
     * The patterns worth writing: not already in the ignore file (compared without leading {@code /} or
     * {@code ./} and trailing {@code /}), not repeated, and excluding nothing a COPY or ADD names.
     */
    static List<String> usable(BuildLink build, List<String> patterns) {
        Set<String> present = new LinkedHashSet<>();
        for (DockerIgnorePattern p : build.ignore().patterns()) {
            if (!p.exception()) {
                present.add(key(p.text()));
            }
        }
        List<String> named = namedSources(build);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            String key = key(pattern);
            if (key.isEmpty() || present.contains(key) || out.containsKey(key) || excludesNamed(pattern, named)) {
                continue;
            }
            out.put(key, pattern);
        }
        return List.copyOf(out.values());
    }

    private static String key(String pattern) {
        String p = pattern.strip();
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("/") ? 1 : 2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The context paths the Dockerfile's COPY and ADD instructions name, in every stage. */
    private static List<String> namedSources(BuildLink build) {
        List<String> out = new ArrayList<>();
        for (ContextCopy copy : BuildContexts.copies(build)) {
            for (String source : copy.sources()) {
                String n = PathNames.normalizeRelative(source);
                if (n != null && !n.isEmpty() && !n.equals(".")) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static boolean excludesNamed(String pattern, List<String> named) {
        DockerIgnore alone = DockerIgnore.parse(SourceFile.of(".dockerignore", pattern + "\n"));
        return named.stream().anyMatch(alone::matches);
    }
}
