package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import java.util.List;

/**
 * Edits that add keys to a block mapping of a compose file (a service, its logging options), written
 * with the mapping's own indentation. Flow mappings ({@code {a: b}}) and mappings that other files
 * merge into are left alone: null.
 */
public final class ComposeEdits {

    private ComposeEdits() {}

    /**
     * {@code lines} (relative to the mapping's indentation, "\n"-separated, nested lines indented by two
     * spaces) added to {@code mapping}: after the entry of the first of {@code after} it has (in the anchor
     * the mapping merges it from, if that is where it is written), else after the last entry written in the
     * mapping itself.
     */
    public static TextEdit addEntry(MapNode mapping, List<String> after, String lines) {
        if (mapping == null || mapping.size() == 0) {
            return null;
        }
        SourceFile file = mapping.file();
        if (file.text().charAt(mapping.span().start()) == '{') {
            return null;
        }
        MapNode.Entry first = mapping.entries().iterator().next();
        if (!first.key().file().path().equals(file.path())) {
            return null;
        }
        MapNode.Entry anchor = null;
        for (String key : after) {
            if (mapping.entry(key) != null) {
                anchor = mapping.entry(key);
                break;
            }
        }
        if (anchor == null) {
            for (MapNode.Entry e : mapping.entries()) {
                if (anchor == null || writtenIn(mapping, e)) {
                    anchor = e;
                }
            }
        }
        if (!anchor.key().file().path().equals(file.path()) || !anchor.value().file().path().equals(file.path())) {
            return null;
        }
        // a sibling of the entry it follows: of the service's own mapping, or of the anchor it merges (<<: *x)
        String indent = SourceEdits.indentation(file, anchor.key().span().startLine());
        if (anchor.key().span().startColumn() - 1 != indent.length()) {
            return null; // the key shares its line with something else
        }
        Node value = anchor.value();
        int lastLine = Math.max(anchor.key().span().endLine(), lastLine(value));
        String text = indent + lines.replace("\n", "\n" + indent);
        return SourceEdits.insertLinesAfter(file, lastLine, text);
    }

    /** Whether an entry of a (merged) mapping is written in the mapping's own text, not taken from an anchor. */
    private static boolean writtenIn(MapNode mapping, MapNode.Entry entry) {
        return entry.key().file().path().equals(mapping.file().path())
                && entry.key().span().start() >= mapping.span().start()
                && entry.key().span().end() <= mapping.span().end();
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
