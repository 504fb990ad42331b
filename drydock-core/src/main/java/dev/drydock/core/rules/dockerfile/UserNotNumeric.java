package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.UserIds;

@RuleDefinition(
        id = "user-not-numeric",
        title = "The image's USER is a name, not a numeric id",
        severity = Severity.INFO,
        category = Category.SECURITY,
        checks = "The USER the built image finally runs as (the last USER of its stages): fires when the user part"
                + " is a name rather than a number. USER root is left to runs-as-root; values with ARG references"
                + " are not checked.",
        problem = "A user name only means something inside the image's /etc/passwd. Tools outside the container"
                + " see the name, not the id: Kubernetes' runAsNonRoot cannot prove that \"app\" is not root and"
                + " refuses to start the container, and file ownership on mounted volumes has to be guessed.",
        impact = "Pods with runAsNonRoot: true fail with \"image has non-numeric user, cannot verify user is"
                + " non-root\"; volume permissions have to be set by trial.",
        recommendation = "Write the numeric ids the Dockerfile gives the user: USER 10001:10001 (the user can keep"
                + " its name in /etc/passwd).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#user",
                "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"},
        aliases = {"DL3066"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app app
                        USER app
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app app
                        USER 10001:10001
                        """))
public final class UserNotNumeric implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Setting<String> user = image.stage().config().user();
            if (user == null || user.instruction().kind() != InstructionKind.USER
                    || !(user.instruction().arguments() instanceof PlainText written)) {
                continue;
            }
            String text = written.text().strip();
            String name = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
            if (text.contains("$") || name.isEmpty() || name.chars().allMatch(Character::isDigit)
                    || name.equals("root")) {
                continue;
            }
            Instruction instruction = user.instruction();
            String owner = UserIds.owner(image, user.value());
            String uid = owner.contains(":") ? owner.substring(0, owner.indexOf(':')) : owner;
            boolean known = !uid.isEmpty() && uid.chars().allMatch(Character::isDigit);
            String numeric = owner.chars().allMatch(c -> Character.isDigit(c) || c == ':') ? owner : uid;
            context.finding(this, instruction.file().path(), written.span(), "USER " + text + " names the user: a"
                            + " runtime outside the image cannot tell its id, so Kubernetes' runAsNonRoot cannot verify"
                            + " it is not root")
                    .recommendation(known
                            ? "Write USER " + numeric + " (the ids the Dockerfile gives " + name + ")."
                            : "Give the user a fixed id when creating it (useradd --uid 10001) and write USER 10001"
                                    + " (with :GID for the group).")
                    .add();
        }
    }
}
