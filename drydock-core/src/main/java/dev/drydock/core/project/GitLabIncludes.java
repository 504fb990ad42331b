package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of the project a GitLab pipeline file includes: the top-level {@code include:} given as a path, a list
 * of paths, or {@code local:} entries. Paths name files of the repository, with or without a leading slash. Includes
 * of templates, other projects, remote URLs, components, and paths with wildcards or variables are not files of the
 * checkout that can be told.
 */
final class GitLabIncludes {

    private GitLabIncludes() {}

    private static final Pattern TOP_KEY = Pattern.compile("^include:\\s*(.*?)\\s*(?:#.*)?$");
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:-\\s+)?(?:(local):\\s*)?([\"']?)([^\"'\\s#{}\\[\\]]+)\\2\\s*(?:#.*)?$");

    /** The root-relative paths the file includes from the project, in the order written. */
    static List<String> local(SourceFile file) {
        List<String> out = new ArrayList<>();
        if (!file.text().contains("include")) {
            return out;
        }
        for (int n = 1; n <= file.lineCount(); n++) {
            Matcher top = TOP_KEY.matcher(file.line(n));
            if (!top.find()) {
                continue;
            }
            if (!top.group(1).isEmpty()) {
                add(top.group(1).replaceAll("^([\"'])(.*)\\1$", "$2"), false, out);
                continue;
            }
            for (int m = n + 1; m <= file.lineCount(); m++) {
                String line = file.line(m);
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                if (SourceFile.spaceIndent(line) == 0 && !line.startsWith("-")) {
                    break;
                }
                Matcher item = ITEM.matcher(line);
                if (item.find()) {
                    add(item.group(3), item.group(1) != null, out);
                }
            }
        }
        return out;
    }

    /** A written path added when it names a file of the repository. */
    private static void add(String written, boolean local, List<String> out) {
        String path = written;
        if (path.contains("://") || path.contains("$") || path.contains("*") || path.contains(":")
                || !local && !path.endsWith(".yml") && !path.endsWith(".yaml")) {
            return;
        }
        String relative = PathNames.normalizeRelative(path.startsWith("/") ? path.substring(1) : path);
        if (relative != null && !relative.isEmpty() && !relative.startsWith("..") && !out.contains(relative)) {
            out.add(relative);
        }
    }
}
