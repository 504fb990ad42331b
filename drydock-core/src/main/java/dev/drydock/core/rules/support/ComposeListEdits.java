package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Edits that add an item to a list key of a compose service ({@code security_opt}, {@code cap_drop}):
 * a new {@code - item} line after the last item of a block sequence, with its indentation, or the key
 * with the item when the service has no such key. Flow sequences ({@code [a, b]}) and lists that other
 * files merge into are left alone: null. A list merged from a YAML anchor is copied into the service with the
 * new items, so that the other services that merge the anchor keep theirs.
 */
public final class ComposeListEdits {

    private ComposeListEdits() {}

    /**
     * How far the service's own block lists indent their dashes from their key: none when they are written
     * {@code ports:} / {@code - "80:80"} on one column, two spaces otherwise.
     */
    private static String itemIndent(MapNode service) {
        SourceFile file = service.file();
        for (MapNode.Entry e : service.entries()) {
            if (e.value() instanceof SeqNode list && list.size() > 0 && list.file() == file
                    && e.key().file() == file && file.text().charAt(list.span().start()) != '[') {
                Node first = list.items().get(0);
                int dash = file.text().lastIndexOf('-', first.span().start());
                int lineStart = file.lineStart(first.span().startLine());
                if (dash >= lineStart && file.text().substring(lineStart, dash).isBlank()) {
                    return dash - lineStart == e.key().span().startColumn() - 1 ? "" : "  ";
                }
            }
        }
        return "  ";
    }

    /** The file {@link #addItems} writes an item of the list {@code key} of {@code service} into. */
    public static SourceFile fileOfItems(MapNode service, String key) {
        MapNode.Entry entry = ownEntry(service, key);
        return entry == null ? service.file() : entry.value().file();
    }

    /** The entry {@code key} of a service, null when absent or taken from the service it {@code extends}. */
    private static MapNode.Entry ownEntry(MapNode service, String key) {
        MapNode.Entry entry = service == null ? null : service.entry(key);
        return entry != null && service.has("extends") && !ComposeEdits.writtenIn(service, entry) ? null : entry;
    }

    /**
     * The list of a service that takes it from a YAML anchor ({@code <<: *defaults}), which other services may merge
     * too: the service gets a key of its own with the items it has now and the new ones, since its own key replaces
     * the merged one and the anchor stays as the others use it. Null when the key is the service's own but its value
     * an alias ({@code cap_add: *caps}), or when an item is not a one-line scalar that can be copied as written.
     */
    private static TextEdit ownCopy(MapNode service, MapNode.Entry entry, String key, List<String> items) {
        if (ComposeEdits.within(service, entry.key())) {
            return null;
        }
        SourceFile file = service.file();
        List<String> all = new ArrayList<>();
        for (Node item : ((SeqNode) entry.value()).items()) {
            if (!(item instanceof ScalarNode) || item.file() != file
                    || item.span().startLine() != item.span().endLine()) {
                return null;
            }
            all.add(file.text().substring(item.span().start(), item.span().end()));
        }
        all.addAll(items);
        String indent = itemIndent(service);
        return ComposeEdits.addEntry(service, List.of(), key + ":" + all.stream().map(i -> "\n" + indent + "- " + i)
                .collect(Collectors.joining()));
    }

    /** {@code - item} added to the list {@code key} of {@code service} (the key is created when absent). */
    public static TextEdit addItem(MapNode service, String key, String item) {
        return addItems(service, key, List.of(item));
    }

    /**
     * One {@code - item} line for each of {@code items}, added to the list {@code key} of {@code service} in one edit.
     * A service that {@code extends} another and takes the list from it gets the key with the items in its own
     * mapping: Compose appends the extending service's list to the base's.
     */
    public static TextEdit addItems(MapNode service, String key, List<String> items) {
        MapNode.Entry entry = ownEntry(service, key);
        if (entry == null) {
            String indent = itemIndent(service);
            return ComposeEdits.addEntry(service, List.of(), key + ":" + items.stream().map(i -> "\n" + indent + "- " + i)
                    .collect(Collectors.joining()));
        }
        if (!(entry.value() instanceof SeqNode list) || list.size() == 0) {
            return null;
        }
        if (list.file() == service.file() && !ComposeEdits.within(service, list)) {
            return ownCopy(service, entry, key, items);
        }
        SourceFile file = list.file();
        Node last = list.items().get(list.size() - 1);
        for (Node n : list.items()) {
            if (n.file() != file) {
                return null;
            }
        }
        if (file.text().charAt(list.span().start()) == '[') {
            return null;
        }
        Node first = list.items().get(0);
        int dash = file.text().lastIndexOf('-', first.span().start());
        int lineStart = file.lineStart(first.span().startLine());
        if (dash < lineStart || !file.text().substring(lineStart, dash).isBlank()
                || last.span().endLine() != last.span().startLine()) {
            return null;
        }
        String indent = file.text().substring(lineStart, dash);
        return SourceEdits.insertLinesAfter(file, last.span().startLine(),
                String.join("\n", items.stream().map(i -> indent + "- " + i).toList()));
    }
}
