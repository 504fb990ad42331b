package dev.drydock.core.report;

import dev.drydock.core.review.Location;
import dev.drydock.core.source.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Findings of one rule shown once with all their places, as a reviewer writes "lines 7, 8 and 23"
 * instead of repeating the same issue for every service or line.
 */
final class FindingGroups {

    private FindingGroups() {}

    /** The items grouped by {@code key}, groups in the order of their first item, items in their order. */
    static <T> List<List<T>> by(List<T> items, Function<T, Object> key) {
        Map<Object, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return List.copyOf(groups.values());
    }

    /** The places, one file named once: "`compose.yaml` lines 7, 8 and 23, `Dockerfile` line 3". */
    static String places(List<Location> locations) {
        Map<String, List<Location>> byFile = new LinkedHashMap<>();
        locations.forEach(l -> byFile.computeIfAbsent(Objects.requireNonNullElse(l.file(), ""), f -> new ArrayList<>()).add(l));
        List<String> parts = new ArrayList<>();
        byFile.forEach((file, here) -> {
            if (file.isEmpty()) {
                parts.add("project-wide");
                return;
            }
            List<String> lines = here.stream().filter(l -> l.span() != null).map(l -> String.valueOf(l.line()))
                    .distinct().toList();
            String name = "`" + Printable.escape(file) + "`";
            parts.add(lines.isEmpty() ? name : name + (lines.size() == 1 ? " line " : " lines ") + list(lines));
        });
        return String.join(", ", parts);
    }

    /** Where one of several places is, short: "line 7", or "`Dockerfile` line 3" when the files differ. */
    static String place(Location l, boolean oneFile) {
        if (l.file() == null) {
            return "project-wide";
        }
        String line = l.span() == null ? "" : "line " + l.line();
        if (oneFile && !line.isEmpty()) {
            return line;
        }
        String file = "`" + Printable.escape(l.file()) + "`";
        return line.isEmpty() ? file : file + " " + line;
    }

    static boolean oneFile(List<Location> locations) {
        return locations.stream().map(Location::file).distinct().count() == 1;
    }

    /** "7", "7 and 8", "7, 8 and 23". */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
