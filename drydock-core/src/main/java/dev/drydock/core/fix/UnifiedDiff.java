package dev.drydock.core.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.drydock.core.source.Printable;
import java.util.ArrayList;
import java.util.List;

/** Unified diffs of fixed files, as {@code git diff} shows them ({@code a/} and {@code b/} prefixes, 3 lines of context). */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of one file; empty when the texts are equal. */
    public static String of(FileChange change) {
        List<String> before = lines(change.original() == null ? "" : change.original());
        List<String> after = lines(change.fixed());
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        String path = Printable.escape(change.path()); // the header only: the lines are the file's own text
        String from = change.created() ? "/dev/null" : "a/" + path;
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(from, "b/" + path, before, patch, CONTEXT);
        StringBuilder out = new StringBuilder();
        if (before.isEmpty() && diff.size() > 2) {
            diff = new ArrayList<>(diff);
            diff.set(2, diff.get(2).replaceFirst("^@@ -1,0 ", "@@ -0,0 ")); // an empty original, as diff and git write it
        }
        for (String line : diff) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The diffs of every file, one after the other. */
    public static String of(List<FileChange> changes) {
        StringBuilder out = new StringBuilder();
        changes.forEach(c -> out.append(of(c)));
        return out.toString();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? text.length() : lf;
            int cut = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, cut));
            start = lf < 0 ? text.length() : lf + 1;
        }
        return lines;
    }
}
