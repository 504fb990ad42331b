package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.image.JavaEntrypointImages;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "cmd-repeats-base-entrypoint",
        title = "CMD starts java again after a base image whose ENTRYPOINT already runs it",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The CMD of each image the project builds whose base image's own ENTRYPOINT starts java"
                + " (gcr.io/distroless/java*: java -jar; cgr.dev/chainguard/jre: java) and whose Dockerfile sets no"
                + " ENTRYPOINT: fires when the CMD's first word is java (or a path ending in /java), or when it is in"
                + " shell form; quiet when every compose service running the image replaces its command or entrypoint."
                + " A compose `command:` of such an image (with no `entrypoint:`) whose first word is java fires too.",
        problem = "Docker runs the ENTRYPOINT with the CMD appended as its arguments. On these images the ENTRYPOINT"
                + " is java itself, so a CMD written as a whole command (java -jar /app.jar) becomes the arguments of"
                + " a second java: java -jar java -jar /app.jar; a shell-form CMD becomes java -jar /bin/sh -c ...",
        impact = "The container exits at once: java looks for a jar file named java (\"Unable to access jarfile"
                + " java\") or a main class named java, and the application never starts.",
        recommendation = "Either give CMD only java's arguments (on distroless Java the jar's path: CMD"
                + " [\"/app.jar\"]), or write the whole command as ENTRYPOINT, which replaces the base image's: ENTRYPOINT"
                + " [\"java\", \"-jar\", \"/app.jar\"].",
        references = {
                "https://github.com/GoogleContainerTools/distroless/blob/main/java/README.md",
                "https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM gcr.io/distroless/java21-debian12:nonroot
                        COPY target/app.jar /app/app.jar
                        CMD ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
                        """,
                good = """
                        FROM gcr.io/distroless/java21-debian12:nonroot
                        COPY target/app.jar /app/app.jar
                        ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
                        """))
public final class CmdRepeatsBaseEntrypoint implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Instruction> reported = new HashSet<>();
        Set<Node> reportedCommands = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            Stage stage = image.stage();
            Optional<List<String>> inherited = JavaEntrypointImages.entrypoint(Stages.rootBase(image.model(), stage));
            if (inherited.isPresent() && stage.config().entrypoint() == null) {
                image.containers().forEach(c -> composeCommand(context, image, c, inherited.get(), reportedCommands));
            }
            CommandSpec cmd = stage.config().cmd();
            if (inherited.isEmpty() || stage.config().entrypoint() != null || cmd == null
                    || image.containers().stream().allMatch(CmdRepeatsBaseEntrypoint::replacesCommand)
                    || !reported.add(cmd.instruction())) {
                continue;
            }
            Instruction instruction = cmd.instruction();
            String base = BaseImage.describe(image.rootBase());
            String runs = String.join(" ", inherited.get());
            if (instruction.arguments() instanceof ExecForm exec && !exec.elements().isEmpty()) {
                String first = exec.elements().get(0).value();
                if (!first.equals("java") && !first.endsWith("/java")) {
                    continue;
                }
                List<String> argv = new ArrayList<>(inherited.get());
                argv.addAll(exec.values());
                context.finding(this, instruction.file().path(), exec.elements().get(0).span(),
                                base + "'s ENTRYPOINT already runs `" + runs + "` and CMD only adds its arguments: the"
                                        + " container runs `" + String.join(" ", argv) + "`, and java stops at once ("
                                        + failure(inherited.get(), first) + ")")
                        .recommendation("Write the command as ENTRYPOINT " + Probes.json(exec.values())
                                + ", which replaces " + base + "'s" + (inherited.get().contains("-jar")
                                        ? ", or give CMD only the jar's path" : "") + ".")
                        .fix(Fix.of("write the java command as ENTRYPOINT", FixSafety.SAFE,
                                TextEdit.replace(instruction.file().path(), instruction.keyword().span(),
                                        Character.isLowerCase(instruction.keyword().value().charAt(0))
                                                ? "entrypoint" : "ENTRYPOINT")))
                        .add();
            } else if (!cmd.execForm()) {
                context.finding(this, instruction.file().path(), instruction.keyword().span(),
                                base + "'s ENTRYPOINT already runs `" + runs + "` and a shell-form CMD becomes its"
                                        + " arguments: the container runs `" + runs + " " + String.join(" ", cmd.shell())
                                        + " \"" + cmd.shellText().strip() + "\"`, and java stops at once ("
                                        + failure(inherited.get(), cmd.shell().get(0)) + ")")
                        .recommendation("Write the command in exec form as ENTRYPOINT [\"java\", ...], which replaces "
                                + base + "'s" + (inherited.get().contains("-jar")
                                        ? ", or give CMD only the jar's path in exec form" : "") + ".")
                        .add();
            }
        }
    }

    /** A compose {@code command:} that starts java again on an image whose ENTRYPOINT already does. */
    private void composeCommand(ReviewContext context, BuiltImage image, Container container, List<String> inherited,
            Set<Node> reportedCommands) {
        Service service = container.service();
        if (service == null || service.entrypoint() != null || service.command() == null
                || service.command().words().isEmpty()) {
            return;
        }
        Service.Command command = service.command();
        String first = command.words().get(0).value();
        MapNode.Entry key = service.node().entry("command");
        if (!first.equals("java") && !first.endsWith("/java") || key == null || !reportedCommands.add(command.node())) {
            return;
        }
        String base = BaseImage.describe(image.rootBase());
        List<String> argv = new ArrayList<>(inherited);
        argv.addAll(command.argv());
        Node at = command.shellForm() ? command.node() : command.words().get(0).node();
        context.finding(this, ComposeServices.location(at), base + "'s ENTRYPOINT already runs `"
                        + String.join(" ", inherited) + "` and the command of " + service.name() + " only adds its"
                        + " arguments: the container runs `" + String.join(" ", argv) + "`, and java stops at once ("
                        + failure(inherited, first) + ")")
                .recommendation("Write it as `entrypoint:` instead of `command:`, which replaces " + base + "'s"
                        + (inherited.contains("-jar") ? ", or give command: only the jar's path" : "") + ".")
                .fix(Fix.of("write the java command of " + service.name() + " as entrypoint", FixSafety.SAFE,
                        TextEdit.replace(key.key().file().path(), key.key().span(), "entrypoint")))
                .add();
    }

    /** What java answers when its first argument is {@code argument} instead of an option or the jar's path. */
    private static String failure(List<String> inherited, String argument) {
        return (inherited.contains("-jar") ? "\"Unable to access jarfile " : "\"Could not find or load main class ")
                + argument + "\"";
    }

    private static boolean replacesCommand(Container c) {
        return c.service() != null && (c.service().command() != null || c.service().entrypoint() != null);
    }
}
