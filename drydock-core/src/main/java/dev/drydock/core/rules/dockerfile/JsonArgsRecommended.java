package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AttemptedJsonList;
import dev.drydock.core.rules.support.BuildCheckDirective;
import dev.drydock.core.rules.support.FinalPipeline;
import dev.drydock.core.rules.support.LoneCommandExec;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.rules.support.Probes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "json-args-recommended",
        title = "CMD or ENTRYPOINT is in shell form",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "Every CMD and ENTRYPOINT of every stage, as BuildKit's JSONArgsRecommended check does: fires for the"
                + " shell form (CMD gunicorn app:app),"
                + " unless a SHELL instruction is in effect for the stage (choosing the shell marks the shell form as"
                + " deliberate) or the command starts with exec. The command a container of the project actually"
                + " starts with is left to graceful-shutdown-missing, which reports a shell kept as PID 1 there with"
                + " what it does to docker stop; so this rule covers the other stages, the overridden instructions,"
                + " images the project does not run, and a lone command that BusyBox's sh (Alpine) or bash (the Red Hat family) runs in its own"
                + " place, or the last command of a longer script that BusyBox's sh runs in its own place (one that does"
                + " not follow ||, outside a pipeline, loop or function, with no trap set; when the script ends in an"
                + " if, a case or a { } group, the last command of each branch), which only works on such a base image. HEALTHCHECK CMD is not concerned: no signal is sent to it."
                + " A list that is not valid JSON (CMD [gunicorn, app]) is left to exec-form-malformed: the program"
                + " does not run at all.",
        problem = "In shell form Docker runs the command as /bin/sh -c '...': the shell is PID 1 and does not pass"
                + " SIGTERM on to the program, and an ENTRYPOINT in shell form ignores CMD and docker run arguments.",
        impact = "docker stop waits for the grace period and kills the program with SIGKILL; arguments given at run"
                + " time are silently dropped by a shell-form ENTRYPOINT.",
        recommendation = "Use the exec form: CMD [\"gunicorn\", \"app:app\"]; when shell features are needed, put them"
                + " in a script that ends with exec \"$@\" and run that in exec form.",
        references = {
                "https://docs.docker.com/reference/build-checks/json-args-recommended/",
                "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
                "https://docs.docker.com/reference/dockerfile/#entrypoint"},
        aliases = {"JSONArgsRecommended", "DL3025", "Not Using JSON In CMD And ENTRYPOINT Arguments"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim AS docs
                        RUN pip install --no-cache-dir mkdocs==1.6.1
                        CMD mkdocs serve --dev-addr 0.0.0.0:8000

                        FROM nginx:1.27.2-alpine
                        CMD ["nginx", "-g", "daemon off;"]
                        """,
                good = """
                        FROM python:3.12.7-slim AS docs
                        RUN pip install --no-cache-dir mkdocs==1.6.1
                        CMD ["mkdocs", "serve", "--dev-addr", "0.0.0.0:8000"]

                        FROM nginx:1.27.2-alpine
                        CMD ["nginx", "-g", "daemon off;"]
                        """))
public final class JsonArgsRecommended implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<Origin> startCommands = new ArrayList<>();
        Map<Origin, ImageTools> busyBoxStarts = new HashMap<>();
        for (Container container : context.builtContainers()) {
            EffectiveCommand command = container.command();
            if (command != null && !command.isEmpty() && command.shellForm() && command.origin() != null
                    && container.entryPoint() != null) {
                Optional<ImageTools> busyBox = LoneCommandExec.of(container)
                        .or(() -> LoneCommandExec.busyBox(container).filter(b -> container.build().stage().config()
                                .shell() == null && LoneCommandExec.busyBoxExecsLast(command.script())));
                if (busyBox.isPresent()) {
                    busyBoxStarts.put(command.origin(), busyBox.get());
                } else {
                    startCommands.add(command.origin());
                }
            }
        }
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || BuildCheckDirective.skips(dockerfile.syntax(), "JSONArgsRecommended")) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                for (Step step : stage.steps()) {
                    Instruction instruction = step.instruction();
                    if ((instruction.kind() == InstructionKind.CMD || instruction.kind() == InstructionKind.ENTRYPOINT)
                            && instruction.arguments() instanceof ShellForm shell && step.shell() == null
                            && !shell.text().strip().startsWith("exec ")
                            && AttemptedJsonList.of(shell.text()).isEmpty()
                            && !startsContainer(startCommands, dockerfile, instruction)) {
                        report(context, dockerfile, stage, instruction, shell, busyBoxStarts.entrySet().stream()
                                .filter(e -> startsContainer(List.of(e.getKey()), dockerfile, instruction))
                                .map(Map.Entry::getValue).findFirst()
                                .or(() -> LoneCommandExec.of(dockerfile.model(), stage, shell.text()))
                                .orElse(null));
                    }
                }
            }
        }
    }

    private static boolean startsContainer(List<Origin> origins, DockerfileSource dockerfile, Instruction instruction) {
        return origins.stream().anyMatch(o -> o.file().equals(dockerfile.file().path()) && o.span() != null
                && instruction.span().contains(o.span().start()));
    }

    /**
     * @param busyBox the image whose sh runs this command of a container in its own place, or null
     */
    private void report(ReviewContext context, DockerfileSource dockerfile, Stage stage, Instruction instruction,
            ShellForm shell, ImageTools busyBox) {
        String keyword = instruction.kind().name();
        String text = shell.text().strip().replaceAll("\\s+", " ");
        String shown = ShortText.of(text, 60);
        String last = ShellScript.parse(shell.text()).commands().size() < 2 ? null
                : FinalPipeline.of(shell.text()).flatMap(FinalPipeline::simple).map(c -> c.words().get(0).value())
                        .orElse(null);
        String compound = FinalPipeline.of(shell.text()).flatMap(FinalPipeline::compoundKeyword).orElse(null);
        String form = text.startsWith("[") ? " is not a valid JSON list, so it is in shell form and" : " in shell form";
        String effect = busyBox == null ? ": the shell, not the program, receives the stop signal"
                : ": " + busyBox.shName() + " in " + busyBox.image() + " replaces itself with " + (compound != null
                                ? "the last command of the `" + compound + "` branch it takes, so that program"
                                : last == null ? "that one command, so " + text.split(" ", 2)[0]
                                : "the last command, so " + last)
                        + " still receives the stop signal, but on a base image whose /bin/sh"
                        + " is dash (Debian, Ubuntu) the shell would stay PID 1 and keep the signal from it";
        CommandSpec entrypoint = stage.config().entrypoint();
        if (busyBox == null && instruction.kind() == InstructionKind.CMD && entrypoint != null && entrypoint.execForm()
                && !entrypoint.arguments().isEmpty()) {
            // the CMD is only arguments: what its form changes is what the ENTRYPOINT receives
            String receiver = "ENTRYPOINT " + Probes.json(entrypoint.arguments());
            context.finding(this, dockerfile.file().path(), shell.span(), keyword + form + " is /bin/sh -c '" + shown
                            + "', and that is what the exec-form " + receiver + " receives as its arguments: the program"
                            + " runs under that shell when the entry point runs its arguments (the shell keeps docker"
                            + " stop's SIGTERM from the program unless an init signals the whole process group: dumb-init"
                            + " does by default, tini with -g), and an entry point that reads its first argument sees"
                            + " /bin/sh")
                    .recommendation("Write " + keyword + " in exec form (a JSON list: " + keyword + " [\"program\","
                            + " \"arg\"]), so the " + receiver + " receives the program and its arguments themselves.")
                    .add();
            return;
        }
        context.finding(this, dockerfile.file().path(), shell.span(), keyword + form + " runs as /bin/sh -c '"
                        + shown + "'" + effect)
                .recommendation("Write " + keyword + " in exec form (a JSON list: " + keyword + " [\"program\", \"arg\"]),"
                        + " or move the shell logic into a script that ends with exec \"$@\".")
                .add();
    }
}
