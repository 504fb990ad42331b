package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
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
     * The services of {@code image} that replace the image's command with one that serves nothing (no ports published
     * or exposed, no web server started) and have no healthcheck of their own, also the container the finding is about (a
     * compose file that runs the image only as a worker); null when one of them cannot be edited (a flow mapping), and
     * the probe then is not added.
     */
    static OtherCommands of(BuiltImage image) {
        List<TextEdit> edits = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (Container other : image.containers()) {
            Service service = other.service();
            if (!AppFacts.runsOtherCommand(other) || other.service().healthcheck() != null) {
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

    /**
     * Whether {@code probed} replaces the image's command (compose command: or entrypoint:) while another service
     * keeps it, and that command serves nothing (no port published, exposed or routed, no server started, also not
     * by its start script): rq-worker's image whose CMD starts the worker, with the web server started only by the
     * api service's command. A HEALTHCHECK in the image would then probe a server that the image's own command
     * never starts, and the services and containers that run that command would stay unhealthy.
     */
    static boolean imageCommandServesNothing(ReviewContext context, BuiltImage image, Container probed) {
        if (!replacesCommand(probed)) {
            return false;
        }
        return image.containers().stream().filter(x -> x != probed && !replacesCommand(x))
                .anyMatch(x -> AppFacts.servesEvidence(context, x, null) == null);
    }

    private static boolean replacesCommand(Container c) {
        return c.service() != null && (c.service().command() != null || c.service().entrypoint() != null);
    }

    /** " (and switch it off for worker, which runs another command)", or "" when there is none. */
    String describe() {
        return services.isEmpty() ? "" : " (and switch it off for " + AppFacts.and(services)
                + (services.size() == 1 ? ", which runs another command)" : ", which run other commands)");
    }
}
