package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits that add keys to a block mapping of a compose file (a service, its logging options), written
 * with the mapping's own indentation. Flow mappings ({@code {a: b}}) are left alone: null. Keys go into the
 * mapping's own text, not into an anchor it merges ({@code <<: *defaults}) nor into the service it
 * {@code extends}, unless the caller asks for the place of an entry taken from the anchor.
 */
public final class ComposeEdits {

    private ComposeEdits() {}

    /**
     * {@code lines} (relative to the mapping's indentation, "\n"-separated, nested lines indented by two
     * spaces) added to {@code mapping} itself: after the entry of the first of {@code after} written in it,
     * else after its last entry written in it, else (a service that only merges an anchor,
     * {@code <<: *defaults}) after the merge key. Never inside an anchor the mapping merges: other services
     * merge it too.
     */
    public static TextEdit addEntry(MapNode mapping, List<String> after, String lines) {
        if (!editable(mapping)) {
            return null;
        }
        MapNode.Entry anchor = null;
        for (String key : after) {
            MapNode.Entry e = mapping.entry(key);
            if (e != null && writtenIn(mapping, e)) {
                anchor = e;
                break;
            }
        }
        if (anchor == null) {
            for (MapNode.Entry e : mapping.entries()) {
                // merged entries keep the base's order: the last written is the one furthest down the text
                if (writtenIn(mapping, e) && (anchor == null || e.key().span().start() > anchor.key().span().start())) {
                    anchor = e;
                }
            }
        }
        return anchor == null ? afterMergeKey(mapping, lines) : afterOwn(mapping, anchor, lines);
    }

    /**
     * {@code lines} added next to the entry {@code key} of {@code mapping}, where that entry is written: in
     * the anchor the mapping merges it from, when it comes from one. For a finding reported once for every
     * service that merges the anchor: one edit there fixes them all. Null when the mapping has no such key.
     */
    public static TextEdit addEntryBeside(MapNode mapping, String key, String lines) {
        MapNode.Entry entry = mapping == null ? null : mapping.entry(key);
        if (entry == null || !editable(mapping)) {
            return null;
        }
        return after(mapping.file(), entry, lines);
    }

    /**
     * {@code lines} added to a merged service mapping in the file {@code path}: as {@link #addEntry} when that file
     * holds the mapping, else after the last entry that file writes (an override or variant file that changes a
     * service of the base file, where a key for that variant alone belongs). Null when the file writes no entry of
     * the mapping on a line of its own.
     */
    public static TextEdit addEntryIn(MapNode mapping, String path, String lines) {
        if (mapping == null || mapping.file().path().equals(path)) {
            return addEntry(mapping, List.of(), lines);
        }
        MapNode.Entry last = null;
        for (MapNode.Entry e : mapping.entries()) {
            if (e.key().file().path().equals(path)
                    && (last == null || e.key().span().start() > last.key().span().start())) {
                last = e;
            }
        }
        return last == null ? null : after(last.key().file(), last, lines);
    }

    /**
     * {@code lines} added next to the entry {@code key} of a merged service mapping, in the file that writes that
     * entry: an override or variant file that adds the key to a service of the base file. Null when the mapping
     * has no such key or the entry does not stand on its own line.
     */
    public static TextEdit addEntryBesideInItsFile(MapNode mapping, String key, String lines) {
        MapNode.Entry entry = mapping == null ? null : mapping.entry(key);
        return entry == null ? null : after(entry.key().file(), entry, lines);
    }

    /**
     * {@code name:} declared under the top-level {@code section} ({@code volumes}, {@code secrets}) of {@code file}:
     * after the last name the file declares there, or in a new section at the end of the file when it has none.
     * Null when the name is declared already or the file's section cannot take it (a flow mapping, no entry).
     *
     * @param root the project's merged top-level mapping
     */
    public static TextEdit declare(ReviewContext context, MapNode root, SourceFile file, String section, String name) {
        MapNode.Entry entry = root.entry(section);
        if (entry != null && entry.value() instanceof MapNode declared && declared.has(name)) {
            return null;
        }
        if (entry != null && entry.value() instanceof MapNode declared && editable(declared)
                && declared.file().path().equals(file.path())) {
            MapNode.Entry last = null;
            for (MapNode.Entry e : declared.entries()) {
                if (e.key().file().path().equals(file.path())) {
                    last = e;
                }
            }
            TextEdit entryAfter = last == null ? null : after(file, last, name + ":");
            // declarations of other names go in together; one that first ends the file's last line does not
            return entryAfter == null || entryAfter.replacement().startsWith("\n") ? entryAfter : entryAfter.inAnyOrder();
        }
        if (context.memo("compose-top-level-keys", file, () -> topLevelKeys(file)).contains(section)) {
            return null;
        }
        String blank = file.text().endsWith("\n\n") || file.text().isBlank() ? "" : "\n";
        return SourceEdits.appendLines(file, blank + section + ":\n" + indentUnit(file) + name + ":");
    }

    /** The keys written at the start of a line of a file (its top-level keys, whatever YAML made of them). */
    private static Set<String> topLevelKeys(SourceFile file) {
        Set<String> keys = new HashSet<>();
        Matcher m = TOP_LEVEL_KEY.matcher(file.text());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("(?m)^([A-Za-z_][\\w.-]*)[ \\t]*:");

    /** The indentation of the first indented line of a file: its nesting step. */
    private static String indentUnit(SourceFile file) {
        for (int line = 1; line <= file.lineCount(); line++) {
            String text = file.line(line);
            String indent = SourceEdits.indentation(file, line);
            if (!indent.isEmpty() && !text.isBlank() && !text.strip().startsWith("#")) {
                return indent;
            }
        }
        return "  ";
    }

    /**
     * A block mapping with at least one entry (flow mappings are not edited). A service that {@code extends}
     * another is its own mapping holding the base's entries too: only the entries written in it place an edit.
     */
    private static boolean editable(MapNode mapping) {
        if (mapping == null || mapping.size() == 0) {
            return false;
        }
        return mapping.file().text().charAt(mapping.span().start()) != '{';
    }

    /** {@code lines} as siblings after {@code entry}, with its indentation. */
    private static TextEdit after(SourceFile file, MapNode.Entry entry, String lines) {
        if (!entry.key().file().path().equals(file.path()) || !entry.value().file().path().equals(file.path())) {
            return null;
        }
        String indent = SourceEdits.indentation(file, entry.key().span().startLine());
        if (entry.key().span().startColumn() - 1 != indent.length()) {
            return null; // the key shares its line with something else
        }
        int lastLine = Math.max(entry.key().span().endLine(), lastLine(entry.value()));
        return SourceEdits.insertLinesAfter(file, lastLine, indent + lines.replace("\n", "\n" + indent));
    }

    /**
     * {@code lines} as siblings after {@code entry}, an entry written in {@code mapping}, below its last line in the
     * mapping's own text: a merged value ({@code environment} of a service that extends another) also holds the
     * base's lines, elsewhere in the file or in another file.
     */
    private static TextEdit afterOwn(MapNode mapping, MapNode.Entry entry, String lines) {
        SourceFile file = mapping.file();
        String indent = SourceEdits.indentation(file, entry.key().span().startLine());
        if (entry.key().span().startColumn() - 1 != indent.length()) {
            return null; // the key shares its line with something else
        }
        int lastLine = Math.max(entry.key().span().endLine(), lastLineWithin(mapping, entry.value()));
        return SourceEdits.insertLinesAfter(file, lastLine, indent + lines.replace("\n", "\n" + indent));
    }

    /** The last line with content of a value among its parts written in {@code mapping}'s own text; 0 when none. */
    private static int lastLineWithin(MapNode mapping, Node node) {
        int last = within(mapping, node) ? node.span().startLine() : 0;
        switch (node) {
            case MapNode m -> {
                for (MapNode.Entry e : m.entries()) {
                    last = Math.max(last, Math.max(within(mapping, e.key()) ? e.key().span().endLine() : 0,
                            lastLineWithin(mapping, e.value())));
                }
            }
            case SeqNode q -> {
                for (Node item : q.items()) {
                    last = Math.max(last, lastLineWithin(mapping, item));
                }
            }
            case ScalarNode s -> last = s.isNull() || !within(mapping, s) ? last : s.span().endLine();
        }
        return last;
    }

    /** Whether a node is written in the mapping's own text (not in an anchor it merges nor the service it extends). */
    public static boolean within(MapNode mapping, Node node) {
        return node.file().path().equals(mapping.file().path()) && node.span().start() >= mapping.span().start()
                && node.span().end() <= mapping.span().end();
    }

    /**
     * {@code lines} after the merge key of a mapping that has no entry of its own: the mapping's text is
     * that key and its aliases, then at most comments.
     */
    private static TextEdit afterMergeKey(MapNode mapping, String lines) {
        SourceFile file = mapping.file();
        Span span = mapping.span();
        if (!file.text().startsWith("<<", span.start())) {
            return null;
        }
        String indent = SourceEdits.indentation(file, span.startLine());
        if (span.startColumn() - 1 != indent.length()) {
            return null; // the merge key shares its line with the service's name
        }
        int lastLine = span.startLine();
        for (int line = span.startLine() + 1; line <= span.endLine(); line++) {
            String text = file.line(line).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                lastLine = line;
            }
        }
        return SourceEdits.insertLinesAfter(file, lastLine, indent + lines.replace("\n", "\n" + indent));
    }

    /**
     * Whether an entry of a (merged) mapping is written in the mapping's own text, not taken from an anchor or
     * from the service it extends.
     */
    static boolean writtenIn(MapNode mapping, MapNode.Entry entry) {
        return within(mapping, entry.key());
    }

    /** The last line with content of a value: a block collection's span can reach into the comments after it. */
    private static int lastLine(Node node) {
        int last = node.span().startLine();
        switch (node) {
            case MapNode m -> {
                for (MapNode.Entry e : m.entries()) {
                    last = Math.max(last, Math.max(e.key().span().endLine(), lastLine(e.value())));
                }
            }
            case SeqNode q -> {
                for (Node item : q.items()) {
                    last = Math.max(last, lastLine(item));
                }
            }
            case ScalarNode s -> last = s.isNull() ? last : s.span().endLine();
        }
        return last;
    }
}
