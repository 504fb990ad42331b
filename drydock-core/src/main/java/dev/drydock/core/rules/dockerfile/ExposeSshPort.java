package dev.drydock.core.rules.dockerfile;

import java.util.List;
import java.util.Map;

import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ExposedPorts;
import dev.drydock.core.rules.support.StagesInUse;

@RuleDefinition(
        id = "expose-ssh-port",
        title = "The image exposes the SSH port 22",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "Every EXPOSE of the stages whose file system is the image: fires when an entry is port 22 or a"
                + " range that includes it. Quiet when the application built into the image depends on a library for"
                + " writing SSH servers (Go's github.com/gliderlabs/ssh or charmbracelet/wish, Rust's russh or"
                + " thrussh): SSH is then the service itself, as git over SSH is for a git host.",
        problem = "Port 22 means an SSH server in the container: a second way in besides the application, with"
                + " keys or passwords to manage inside the image.",
        impact = "Every container started from the image offers an SSH login to whoever reaches it; leaked keys or a"
                + " weak password give a shell in the container.",
        recommendation = "Remove the SSH server and the EXPOSE 22; get a shell with docker exec (or kubectl exec)"
                + " when debugging.",
        references = {
                "https://docs.docker.com/reference/cli/docker/container/exec/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {"DS-0004", "DS004", "CKV_DOCKER_1", "Exposing Port 22 (SSH)"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2
                        EXPOSE 80 22
                        """,
                good = """
                        FROM nginx:1.27.2
                        EXPOSE 80
                        """))
public final class ExposeSshPort implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            if (!used.inImage() || servesSshItself(used)) {
                continue;
            }
            for (Step step : used.stage().steps()) {
                for (ExposedPorts port : ExposedPorts.of(step.instruction())) {
                    if (port.valid() && port.includes(22)) {
                        context.finding(this, step.instruction().file().path(), port.word().span(),
                                        "EXPOSE " + port.word().value() + " announces the SSH port 22: containers of"
                                                + " this image are meant to accept SSH logins")
                                .add();
                    }
                }
            }
        }
    }

    /**
     * Go modules and Rust crates for writing SSH servers: an application built on one speaks SSH itself (git over
     * SSH in Gitea, Forgejo or Soft Serve, an SSH-based app), so its port 22 is the service, not a login shell.
     */
    private static final Map<Ecosystem, List<String>> SSH_SERVER_LIBRARIES = Map.of(
            Ecosystem.GO, List.of("github.com/gliderlabs/ssh", "github.com/charmbracelet/wish"),
            Ecosystem.CRATES, List.of("russh", "thrussh"));

    private static boolean servesSshItself(StagesInUse used) {
        for (Container c : used.image().containers()) {
            for (var library : SSH_SERVER_LIBRARIES.entrySet()) {
                if (!AppFacts.dependencies(c, library.getKey(), library.getValue()).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
