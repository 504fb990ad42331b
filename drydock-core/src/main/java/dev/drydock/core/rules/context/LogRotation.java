package dev.drydock.core.rules.context;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.List;

@RuleDefinition(
        id = "log-rotation",
        title = "Container logs grow without rotation",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The logging section of every compose service. A strength for the json-file driver with max-size"
                + " (the driver Docker uses by default) and for the local driver, which rotates by itself. A finding"
                + " for an explicit json-file driver without max-size, outside development files. Services without a"
                + " logging section are not reported: the daemon's log-opts (/etc/docker/daemon.json), which drydock"
                + " cannot see, decide for them; other drivers (journald, syslog, fluentd, awslogs ...) rotate or ship"
                + " logs elsewhere.",
        problem = "The json-file driver keeps everything a container writes to stdout and stderr in one file under"
                + " /var/lib/docker/containers and, without max-size, never rotates it.",
        impact = "A chatty or long-running service fills the host's disk, and then every container on it fails.",
        recommendation = "Set `logging: {driver: json-file, options: {max-size: \"10m\", max-file: \"3\"}}` (or the local"
                + " driver) on every service, or configure the same default for the daemon.",
        references = {
                "https://docs.docker.com/engine/logging/drivers/json-file/",
                "https://docs.docker.com/engine/logging/drivers/local/",
                "https://docs.docker.com/reference/compose-file/services/#logging"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        strength = "Log rotation",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            logging:
                              driver: json-file
                              options:
                                max-file: "5"
                        """,
                good = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            logging:
                              driver: json-file
                              options:
                                max-size: "10m"
                                max-file: "5"
                        """))
public final class LogRotation implements Rule {

    /** max-size (and max-file) under logging.options, creating options after the driver when there is none. */
    private static Fix rotate(Service.Logging logging, boolean withMaxFile) {
        String options = "max-size: \"10m\"" + (withMaxFile ? "\nmax-file: \"3\"" : "");
        MapNode written = logging.node() == null ? null : logging.node().map("options");
        TextEdit edit = written != null && written.size() > 0 ? ComposeEdits.addEntry(written, List.of(), options)
                : logging.node() == null || logging.node().has("options") ? null
                : ComposeEdits.addEntry(logging.node(), List.of("driver"), "options:\n  " + options.replace("\n", "\n  "));
        return edit == null ? null : Fix.of("rotate the json-file logs at 10m", FixSafety.SAFE, edit);
    }

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Service.Logging logging = service.logging();
            Location at = ComposeServices.keyed(service.node(), "logging");
            if (logging == null || at == null) {
                continue;
            }
            String driver = logging.driver() == null ? null : logging.driver().value();
            Located<String> maxSize = logging.options().get("max-size");
            Located<String> maxFile = logging.options().get("max-file");
            if ("local".equals(driver)) {
                context.strength(this, at, service.name() + " logs with the local driver, which rotates its files ("
                        + (maxSize != null ? maxSize.value() : "20m") + " each, " + (maxFile != null ? maxFile.value() : "5")
                        + " kept)");
            } else if (driver == null || driver.equals("json-file")) {
                if (maxSize != null) {
                    context.strength(this, at, (driver == null ? "the" : "json-file") + " logs of " + service.name()
                            + " rotate at " + maxSize.value() + (maxFile != null && !"1".equals(maxFile.value())
                                    ? ", keeping " + maxFile.value() + " files" : ", keeping one file") + ", so they cannot fill the disk");
                } else if (driver != null && !ref.inDevelopmentFile()) {
                    context.finding(this, at, service.name() + " logs with json-file without max-size"
                                    + (maxFile != null ? " (max-file alone has no effect)" : "")
                                    + ": its log is never rotated and grows until the disk is full")
                            .recommendation("Add under logging.options of " + service.name() + ": `max-size: \"10m\"`"
                                    + (maxFile == null ? " and `max-file: \"3\"`" : "") + ".")
                            .fix(rotate(logging, maxFile == null))
                            .add();
                }
            }
        }
    }
}
