package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ReadOnlyRoots;
import dev.drydock.core.rules.support.ServiceGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RuleDefinition(
        id = "writable-root-filesystem",
        title = "Writable root file system",
        severity = Severity.LOW,
        category = Category.SECURITY,
        checks = "read_only on the services built by the project (build:), declared outside development files and"
                + " not privileged: a finding when the key is absent. `read_only: false` is taken as a deliberate"
                + " choice; pulled images are left alone, since many write to their own directories at start, and so"
                + " are images built on an official server image that keep its entry point (FROM postgres, mysql,"
                + " mariadb, mongo, redis, rabbitmq).",
        problem = "With a writable root file system, an attacker who runs code in the container can change the"
                + " application's files, drop tools and keep a foothold until the container is re-created; the"
                + " application may also write data into the container layer, where it is lost.",
        impact = "A compromise is easier to widen and to keep; writes to unexpected places go unnoticed.",
        recommendation = "Set `read_only: true` and give the directories the service writes to a tmpfs (`tmpfs:"
                + " [/tmp]`) or a volume; for an image built on nginx, the folders its server writes (`tmpfs:"
                + " [/var/cache/nginx, /var/run]`, as read-only-root-without-writable-paths checks). Start it and"
                + " watch its logs for EROFS errors to find the others.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#read_only",
                "https://docs.docker.com/reference/compose-file/services/#tmpfs",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-8-set-filesystem-and-volumes-to-read-only"},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            build: .
                        """,
                good = """
                        services:
                          api:
                            build: .
                            read_only: true
                            tmpfs:
                              - /tmp
                        """))
public final class WritableRootFilesystem implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<String, List<ComposeServices.Ref>> byAdvice = new LinkedHashMap<>();
        for (ComposeServices.Ref ref : HardeningTargets.without(context, "read_only")) {
            byAdvice.computeIfAbsent(writablePaths(context, ref.service()), a -> new ArrayList<>()).add(ref);
        }
        byAdvice.forEach((writable, refs) -> {
            for (ServiceGroup group : ServiceGroup.of(context, refs)) {
                context.finding(this, group.location(), group.subject() + " " + group.has() + " a writable root file"
                                + " system: code that gets into " + group.oneOfThem() + " can change the application"
                                + " and keep a foothold")
                        .implicit()
                        .recommendation("Add `read_only: true` to " + group.target() + (group.members().size() > 1
                                ? writable.replace(" it writes to", " they write to") : writable))
                        .add();
            }
        });
    }

    /** The rest of the recommendation: the writable places the service needs. */
    private static String writablePaths(ReviewContext context, Service service) {
        return ReadOnlyRoots.of(context, service)
                .filter(needs -> !needs.server().equals(ReadOnlyRoots.GUNICORN)) // an application: its own folders too
                .map(needs -> ReadOnlyRoots.paths(ReadOnlyRoots.uncovered(service, needs)))
                .map(paths -> paths.isEmpty() ? "." : ", with " + ReadOnlyRootWithoutWritablePaths.tmpfsEntries(paths)
                        + " for the folders its image's server writes at start (see read-only-root-without-writable-paths).")
                .orElse(", with `tmpfs: [/tmp]` and a volume for each other directory it writes to.");
    }
}
