package dev.drydock.core.report;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Review;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What drydock assumed where the files alone do not say (an entry-point script read as ending in
 * {@code exec "$@"}, a server that also reads a configuration file when one exists): the reader can check these
 * before trusting the findings that stand on them.
 */
final class AssumptionsSection {

    private final PrintWriter out;

    AssumptionsSection(PrintWriter out) {
        this.out = out;
    }

    void print(Review review) {
        Map<String, List<String>> byContainer = new LinkedHashMap<>();
        for (Container c : review.project().containers()) {
            EntryPoint ep = c.entryPoint();
            if (ep != null && !ep.notes().isEmpty()) {
                byContainer.put(label(c), ep.notes().stream().distinct().toList());
            }
        }
        if (byContainer.isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 🔎 Assumptions");
        out.println();
        out.println("Where the files do not say, drydock read the containers' commands this way:");
        out.println();
        byContainer.forEach((container, notes) -> notes.forEach(n -> out.println("- " + container + ": " + n)));
        out.println();
    }

    private static String label(Container c) {
        return c.isComposeService() ? "service `" + c.name() + "` (" + c.composeFile() + ")" : "`" + c.name() + "`";
    }
}
