package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.Stages;

@RuleDefinition(
        id = "runs-as-root",
        title = "Container runs as root",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "The user the container finally runs as: compose user: over the last USER of the target stage"
                + " (inherited through stages), else the base image's default.",
        problem = "Without a USER instruction (or with USER root) the application runs as UID 0 inside the container.",
        impact = "Any flaw in the application or its dependencies hands an attacker root in the container: it can"
                + " change the image's files, read every mounted secret, and is one kernel or runtime bug away from"
                + " root on the host.",
        recommendation = "Create a dedicated user with a fixed UID/GID, give it only the directories it writes to,"
                + " and switch to it with USER before CMD.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#user",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user"},
        aliases = {"DL3002", "CKV_DOCKER_3", "DS002", "DS-0002", "Missing User Instruction", "Last User Is 'root'"},
        fix = FixSafety.UNSAFE,
        effort = "30 min")
public final class RunsAsRoot implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (Container container : context.builtContainers()) {
            Stage stage = container.build().stage();
            Container.Setting user = container.user();
            if (user != null) {
                if (isRoot(user.value())) {
                    context.finding(this, user.origin(), "the container runs as " + user.value())
                            .recommendation("Run as a dedicated non-root user, e.g. " + suggestion(container) + ".")
                            .add();
                }
                continue;
            }
            if (BaseImageFacts.defaultsToNonRoot(Stages.rootBase(container.build().model(), stage))) {
                continue;
            }
            context.finding(this, new Location(container.build().dockerfile(), stage.from().span()),
                    "no USER in the final stage" + (stage.name() == null ? "" : " (" + stage.name() + ")")
                            + ": the container runs as root")
                    .implicit()
                    .recommendation("Add a non-root user and switch to it before CMD: " + suggestion(container) + ".")
                    .add();
        }
    }

    private static String suggestion(Container container) {
        String workdir = container.build().stage().config().workdir() instanceof Setting<String> w ? w.value() : "/app";
        return "RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app,"
                + " COPY --chown=app:app for " + workdir + ", then USER app";
    }

    static boolean isRoot(String user) {
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return name.equals("root") || name.equals("0");
    }
}
