package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Edits that make a compose service wait for another one with a condition: the target's entry of its long-form
 * {@code depends_on} gets the condition (added, or replacing the one written), a short-form list is rewritten in the
 * long form with {@code condition: service_started} for the services it named (what the short form means), and a
 * service without depends_on gets one. Null where the edit is not mechanical: a depends_on taken from a YAML anchor or
 * a service it extends (a key of its own would replace it), written in another file, or items that are not plain names
 * each on its own line; {@link #awaitShared} edits an anchor's depends_on for all the services that merge it.
 */
public final class DependsOnEdits {

    private DependsOnEdits() {}

    /** {@code depends_on: {target: {condition: condition}}} in {@code service}, keeping its other entries. */
    public static TextEdit await(Service service, String target, String condition) {
        MapNode mapping = service.node();
        MapNode.Entry entry = mapping.entry("depends_on");
        if (entry == null) {
            return ComposeEdits.addEntry(mapping, List.of(), "depends_on:\n  " + target + ":\n    condition: " + condition);
        }
        if (!ComposeEdits.within(mapping, entry.key()) || !ComposeEdits.within(mapping, entry.value())) {
            return null;
        }
        return switch (entry.value()) {
            case MapNode long_ -> inLongForm(long_, target, condition);
            case SeqNode short_ -> fromShortForm(entry, short_, target, condition);
            default -> null;
        };
    }

    /**
     * {@link #await} for services that merge one depends_on from a YAML anchor: the anchor's entry is changed, which
     * changes all of them. Null unless {@code sharing} holds every service of {@code services} that merges it.
     */
    public static TextEdit awaitShared(List<Service> sharing, Collection<Service> services, String target,
            String condition) {
        MapNode.Entry entry = sharing.get(0).node().entry("depends_on");
        if (entry == null) {
            return null;
        }
        for (Service service : services) {
            MapNode.Entry own = service.node().entry("depends_on");
            boolean merges = own != null && same(own.value(), entry.value());
            if (merges != sharing.contains(service)) {
                return null;
            }
        }
        return switch (entry.value()) {
            case MapNode long_ -> inLongForm(long_, target, condition);
            case SeqNode short_ -> fromShortForm(entry, short_, target, condition);
            default -> null;
        };
    }

    private static boolean same(Node a, Node b) {
        return a.file() == b.file() && a.span().equals(b.span());
    }

    /** The condition set on the target's entry of a long-form depends_on, or the entry added. */
    private static TextEdit inLongForm(MapNode dependsOn, String target, String condition) {
        MapNode.Entry existing = dependsOn.entry(target);
        if (existing == null) {
            return flow(dependsOn) ? null
                    : ComposeEdits.addEntry(dependsOn, List.of(), target + ":\n  condition: " + condition);
        }
        if (!(existing.value() instanceof MapNode settings) || flow(settings)) {
            return null;
        }
        ScalarNode written = settings.scalar("condition");
        if (written == null) {
            return ComposeEdits.addEntry(settings, List.of(), "condition: " + condition);
        }
        return written.file() == dependsOn.file() ? SourceEdits.replace(written.file(), written.span(), condition) : null;
    }

    /** A short-form list rewritten in the long form, the target waited for with the condition. */
    private static TextEdit fromShortForm(MapNode.Entry entry, SeqNode list, String target, String condition) {
        List<String> names = new ArrayList<>();
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode name) || name.value() == null || name.value().isBlank()
                    || name.substitutions().size() > 0 || item.file() != list.file()) {
                return null;
            }
            names.add(name.value().strip());
        }
        if (!names.contains(target)) {
            names.add(target);
        }
        SourceFile file = list.file();
        if (flow(list)) {
            List<String> entries = names.stream().map(n -> n + ": {condition: " + (n.equals(target) ? condition
                    : "service_started") + "}").toList();
            return SourceEdits.replace(file, list.span(), "{" + String.join(", ", entries) + "}");
        }
        int first = list.items().get(0).span().startLine();
        int last = list.items().get(list.size() - 1).span().endLine();
        if (last - first + 1 != list.size()) {
            return null; // an item over several lines, or comments between them
        }
        String keyIndent = SourceEdits.indentation(file, entry.key().span().startLine());
        String dashIndent = SourceEdits.indentation(file, first);
        String indent = dashIndent.length() > keyIndent.length() ? dashIndent : keyIndent + "  ";
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            lines.add(indent + name + ":");
            lines.add(indent + "  condition: " + (name.equals(target) ? condition : "service_started"));
        }
        return SourceEdits.replaceLines(file, first, last, String.join("\n", lines));
    }

    private static boolean flow(Node node) {
        char opening = node.file().text().charAt(node.span().start());
        return opening == '[' || opening == '{';
    }
}
