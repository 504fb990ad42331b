package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeEdits;
import java.util.ArrayList;
import java.util.List;

/**
 * The compose services that build an image but run another command than the server a new HEALTHCHECK
 * probes (a Celery or queue worker, a scheduler started from the web application's image): they would inherit
 * the probe and stay unhealthy, so the fix switches it off for them ({@code healthcheck: disable: true}).
 *
 * @param edits one edit for each such service
 * @param services their names
 */
record OtherCommands(List<TextEdit> edits, List<String> services) {

    /**
     * The services of {@code image} other than {@code probed} that replace the image's command with one that
     * serves nothing (no ports published or exposed, no web server started) and have no healthcheck of their
     * own; null when one of them cannot be edited (a flow mapping), and the probe then is not added.
     */
    static OtherCommands of(BuiltImage image, Container probed) {
        List<TextEdit> edits = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (Container other : image.containers()) {
            Service service = other.service();
            if (other == probed || !AppFacts.runsOtherCommand(other) || other.service().healthcheck() != null) {
                continue;
            }
            TextEdit edit = ComposeEdits.addEntry(service.node(), List.of("command", "entrypoint"),
                    "healthcheck:\n  disable: true");
            if (edit == null) {
                return null;
            }
            edits.add(edit);
            services.add(service.name());
        }
        return new OtherCommands(edits, services);
    }

    /** " (and switch it off for worker, which runs another command)", or "" when there is none. */
    String describe() {
        return services.isEmpty() ? "" : " (and switch it off for " + AppFacts.and(services)
                + (services.size() == 1 ? ", which runs another command)" : ", which run other commands)");
    }
}
