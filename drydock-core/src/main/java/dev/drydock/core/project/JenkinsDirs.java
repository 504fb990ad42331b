package dev.drydock.core.project;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The folder a Jenkins pipeline runs a step in: its enclosing {@code dir('path') { ... }} blocks. */
final class JenkinsDirs {

    private JenkinsDirs() {}

    private static final Pattern DIR_CALL = Pattern.compile(
            "\\bdir\\s*\\(\\s*(?:path\\s*:\\s*)?([\"'])([^\"']*)\\1\\s*\\)\\s*$");

    /**
     * The folder, relative to the project root, that the step written at {@code offset} runs in: {@code cwd} joined
     * with the paths of the {@code dir} blocks around it; null when one of them depends on a variable.
     */
    static String folderAt(String text, int offset, String cwd) {
        Deque<String> dirs = new ArrayDeque<>();
        int depth = 0;
        for (int i = offset - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '}') {
                depth++;
            } else if (c == '{' && depth > 0) {
                depth--;
            } else if (c == '{' && (i == 0 || text.charAt(i - 1) != '$')) {
                Matcher dir = DIR_CALL.matcher(text.substring(Math.max(0, i - 300), i));
                if (dir.find()) {
                    if (dir.group(2).contains("$")) {
                        return null;
                    }
                    dirs.push(dir.group(2));
                }
            }
        }
        String folder = cwd;
        for (String dir : dirs) {
            folder = DeclaredBuilds.resolve(folder, dir);
            if (folder == null) {
                return null;
            }
        }
        return folder;
    }
}
