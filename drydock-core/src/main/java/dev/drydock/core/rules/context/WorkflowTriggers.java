package dev.drydock.core.rules.context;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The events a GitHub Actions workflow runs on, read from its {@code on:} key. */
final class WorkflowTriggers {

    private WorkflowTriggers() {}

    private static final Pattern ON = Pattern.compile("^[\"']?(?:on|true)[\"']?\\s*:\\s*(.*)$");

    /** The events, as written; empty when the workflow has no {@code on:} key at the top level. */
    static List<String> of(SourceFile file) {
        List<String> events = new ArrayList<>();
        for (int n = 1; n <= file.lineCount(); n++) {
            Matcher on = ON.matcher(file.line(n));
            if (!on.find()) {
                continue;
            }
            String inline = on.group(1).replaceAll("\\s+#.*$", "").strip();
            if (!inline.isEmpty()) {
                for (String event : inline.replaceAll("[\\[\\]\"']", "").split(",")) {
                    if (!event.isBlank()) {
                        events.add(event.strip());
                    }
                }
                return events;
            }
            int childIndent = -1;
            for (int i = n + 1; i <= file.lineCount(); i++) {
                String text = file.line(i);
                String t = text.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int indent = text.length() - text.stripLeading().length();
                if (indent == 0) {
                    break;
                }
                if (childIndent < 0) {
                    childIndent = indent;
                }
                if (indent == childIndent) {
                    String event = t.startsWith("- ") ? t.substring(2).strip() : t;
                    int colon = event.indexOf(':');
                    events.add((colon >= 0 ? event.substring(0, colon) : event).replaceAll("[\"']", "").strip());
                }
            }
            return events;
        }
        return events;
    }

    /** Whether the workflow only ever runs when started by hand ({@code workflow_dispatch} and nothing else). */
    static boolean manualOnly(SourceFile file) {
        List<String> events = of(file);
        return !events.isEmpty() && events.stream().allMatch("workflow_dispatch"::equals);
    }
}
