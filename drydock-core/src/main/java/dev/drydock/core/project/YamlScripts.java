package dev.drydock.core.project;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How YAML lays out the shell commands of CI files (a GitHub step's {@code run}, a GitLab {@code script} item):
 * which lines a command continues on when YAML folds them into one, and which {@code cd} lines run before it in
 * the same shell.
 */
final class YamlScripts {

    private YamlScripts() {}

    /** What may precede a command on its line when it starts a plain scalar: a sequence dash and/or a key. */
    private static final Pattern PLAIN_START = Pattern.compile("^( *)((?:- +)*)([\\w.-]+: +)?$");

    private static final Pattern FOLDED_HEADER = Pattern.compile("(?:^|[:-]) *>[-+]?[0-9]?\\s*(?:#.*)?$");

    private static final Pattern CD_LINE = Pattern.compile("^ *(?:- +)?cd +([\"']?)([^\\s;&|\"']+)\\1 *;?\\s*$");

    /** Whether a path names a YAML file. */
    static boolean isYaml(String path) {
        return path.endsWith(".yml") || path.endsWith(".yaml");
    }

    /**
     * The least indentation a line after the one holding {@code start} needs for YAML to fold it into the same
     * scalar as the command starting there (a plain multi-line scalar, or a {@code >} block), or -1 when the
     * command's line break ends it.
     */
    static int continuationIndent(String text, int start) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String before = text.substring(lineStart, start);
        if (!before.isBlank()) {
            Matcher plain = PLAIN_START.matcher(before);
            if (!plain.find()) {
                return -1;
            }
            // a value's lines go deeper than its key (`- run: x` then `  working-directory:` is the next key)
            return plain.group(1).length() + (plain.group(3) == null ? 0 : plain.group(2).length()) + 1;
        }
        int indent = before.length();
        String header = headerAbove(text, lineStart, indent);
        return header != null && FOLDED_HEADER.matcher(header).find() ? indent : -1;
    }

    /**
     * Where the line that follows the line break at {@code newline} continues the scalar: the offset of its first
     * character, or -1 when it is blank, a comment or indented less than {@code minIndent}.
     */
    static int continuation(String text, int newline, int minIndent) {
        int next = text.indexOf('\n', newline) + 1;
        if (next == 0 || minIndent < 0) {
            return -1;
        }
        int i = next;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length() || i - next < minIndent || text.charAt(i) == '\n' || text.charAt(i) == '\r'
                || text.charAt(i) == '#') {
            return -1;
        }
        return i;
    }

    /**
     * The folder a command at {@code start} runs in after the {@code cd DIR} lines written before it in the same
     * script (earlier items of a GitLab {@code script}, earlier lines of a {@code run: |} block) at the script's own
     * level: {@code cwd} moved by each, or null when one moves to a folder that cannot be told.
     */
    static String folderAfterCds(String text, int start, String cwd) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String before = text.substring(lineStart, start);
        if (before.contains(":")) {
            return cwd; // `run: docker build` or `script: ...`: a one-line script
        }
        int indent = SourceFile.spaceIndent(before);
        if (before.isBlank()) {
            int header = headerStart(text, lineStart, indent);
            String line = header < 0 ? "" : text.substring(header, Math.max(header, text.indexOf('\n', header)));
            if (line.strip().startsWith("- ") && !line.contains(":")) {
                lineStart = header; // the command is the folded block of a script item (`- >`)
                indent = SourceFile.spaceIndent(line);
            }
        }
        if (indent == 0) {
            return cwd;
        }
        Deque<String> cds = new ArrayDeque<>();
        int end = lineStart - 1;
        while (end > 0) {
            int from = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(from, end).replace("\r", "");
            end = from - 1;
            if (line.isBlank()) {
                continue;
            }
            int own = SourceFile.spaceIndent(line);
            if (own < indent) {
                break;
            }
            Matcher cd = CD_LINE.matcher(line);
            if (own == indent && cd.find()) {
                cds.push(cd.group(2));
            }
        }
        String folder = cwd;
        for (String dir : cds) {
            folder = folder == null ? null : DeclaredBuilds.resolve(folder, dir);
        }
        return folder;
    }

    private static final Pattern SCRIPT_KEY = Pattern.compile("^( *)script:");

    /**
     * The folder a GitLab job's {@code script} starts in: {@code cwd} moved by the {@code cd DIR} items of the job's
     * {@code before_script}, or of the pipeline's ({@code default:} or top-level) when the job has none, which GitLab
     * runs in the same shell just before; {@code cwd} for a command outside a {@code script}; null when a {@code cd}
     * moves to a folder that cannot be told.
     */
    static String folderAfterBeforeScript(SourceFile file, int line, String cwd) {
        int indent = SourceFile.spaceIndent(file.line(line));
        int key = -1;
        for (int n = line; n >= 1 && key < 0; n--) {
            String text = file.line(n);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            int own = SourceFile.spaceIndent(text);
            if (own < indent || n == line && text.strip().startsWith("script:")) {
                if (own == 0) {
                    return cwd;
                }
                if (SCRIPT_KEY.matcher(text).find()) {
                    key = n;
                }
                indent = own;
            }
        }
        if (key < 0) {
            return cwd;
        }
        int keyIndent = SourceFile.spaceIndent(file.line(key));
        int jobStart = key;
        while (jobStart > 1 && (file.line(jobStart).isBlank() || SourceFile.spaceIndent(file.line(jobStart)) >= keyIndent)) {
            jobStart--;
        }
        int own = keyAt(file, jobStart + 1, keyIndent, keyIndent, "before_script:");
        if (own < 0) {
            int defaults = keyAt(file, 1, 0, 0, "default:");
            own = defaults < 0 ? keyAt(file, 1, 0, 0, "before_script:") : keyAt(file, defaults + 1, 1, -1, "before_script:");
        }
        return own < 0 ? cwd : cdsInBlock(file, own, cwd);
    }

    /**
     * The line of {@code key} written at {@code indent} (or any indent above {@code floor} when {@code indent} is -1)
     * from {@code from} on, before a line indented less than {@code floor}; -1 when there is none.
     */
    private static int keyAt(SourceFile file, int from, int floor, int indent, String key) {
        for (int n = from; n <= file.lineCount(); n++) {
            String text = file.line(n);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            int own = SourceFile.spaceIndent(text);
            if (own < floor) {
                return -1;
            }
            if ((indent < 0 || own == indent) && text.strip().startsWith(key)) {
                return indent < 0 && own != SourceFile.spaceIndent(firstKeyBelow(file, from)) ? -1 : n;
            }
        }
        return -1;
    }

    private static String firstKeyBelow(SourceFile file, int from) {
        for (int n = from; n <= file.lineCount(); n++) {
            if (!file.line(n).isBlank() && !file.line(n).strip().startsWith("#")) {
                return file.line(n);
            }
        }
        return "";
    }

    /** {@code cwd} moved by the script items that are a {@code cd DIR} each; null once one moves where cannot be told. */
    static String folderAfterCdItems(java.util.List<String> items, String cwd) {
        String folder = cwd;
        for (String item : items) {
            Matcher cd = CD_LINE.matcher(item.strip());
            if (folder != null && cd.find()) {
                folder = DeclaredBuilds.resolve(folder, cd.group(2));
            }
        }
        return folder;
    }

    /** {@code cwd} moved by the {@code cd DIR} items of the sequence under the key at line {@code key}. */
    private static String cdsInBlock(SourceFile file, int key, String cwd) {
        int keyIndent = SourceFile.spaceIndent(file.line(key));
        int itemIndent = -1;
        String folder = cwd;
        for (int n = key + 1; n <= file.lineCount() && folder != null; n++) {
            String text = file.line(n);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            int own = SourceFile.spaceIndent(text);
            if (own < keyIndent || own == keyIndent && !text.strip().startsWith("- ")) {
                break;
            }
            if (itemIndent < 0) {
                itemIndent = own;
            }
            Matcher cd = CD_LINE.matcher(text);
            if (own == itemIndent && cd.find()) {
                folder = DeclaredBuilds.resolve(folder, cd.group(2));
            }
        }
        return folder;
    }

    /** The nearest non-blank line above {@code lineStart} indented less than {@code indent}; null at the top. */
    private static String headerAbove(String text, int lineStart, int indent) {
        int from = headerStart(text, lineStart, indent);
        return from < 0 ? null : text.substring(from, Math.max(from, text.indexOf('\n', from))).replace("\r", "");
    }

    /** Where the nearest non-blank line above {@code lineStart} indented less than {@code indent} starts; -1 if none. */
    private static int headerStart(String text, int lineStart, int indent) {
        int end = lineStart - 1;
        while (end > 0) {
            int from = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(from, end).replace("\r", "");
            end = from - 1;
            if (!line.isBlank() && SourceFile.spaceIndent(line) < indent) {
                return from;
            }
        }
        return -1;
    }
}
