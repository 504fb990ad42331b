package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "workdir-system-directory",
        title = "WORKDIR is inside a directory the system owns",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Every WORKDIR of the stages a build uses, resolved against the one before: fires when it is"
                + " /proc, /sys or /dev or below them (file systems the container runtime mounts over the image:"
                + " high), or /boot, /initrd or /lost+found or below them (low).",
        problem = "/proc, /sys and /dev are replaced by the runtime's own file systems when a container starts, so"
                + " a directory created there at build time is gone at run time; /boot, /initrd and /lost+found"
                + " belong to the host's boot and file-system tools, not to an application.",
        impact = "A container whose working directory is under /proc, /sys or /dev fails to start (the runtime"
                + " cannot change into it), and files the build put there are not visible.",
        recommendation = "Work in an application directory such as /app, /srv/app or /opt/NAME.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#workdir",
                "https://refspecs.linuxfoundation.org/FHS_3.0/fhs/index.html"},
        aliases = {"DS-0030", "DS030"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /proc/app
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        """))
public final class WorkdirSystemDirectory implements Rule {

    private static final Set<String> MOUNTED = Set.of("/proc", "/sys", "/dev");
    private static final List<String> SYSTEM = List.of("/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (Setting<String> workdir : workdirs(used.stage())) {
                String path = workdir.value();
                for (String system : SYSTEM) {
                    if (path.equals(system) || path.startsWith(system + "/")) {
                        report(context, workdir.instruction(), path, system);
                        break;
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, Instruction instruction, String path, String system) {
        boolean mounted = MOUNTED.contains(system);
        var span = instruction.arguments() instanceof PlainText text ? text.span() : instruction.span();
        context.finding(this, instruction.file().path(), span, "WORKDIR " + path + " is "
                        + (path.equals(system) ? "" : "under ") + system + (mounted
                        ? ", which the container runtime mounts over the image when the container starts"
                        : ", a directory of the system's boot and file-system tools"))
                .severity(mounted ? Severity.HIGH : Severity.LOW)
                .add();
    }

    /** The working directories the stage's own WORKDIR instructions set, in order. */
    private static List<Setting<String>> workdirs(Stage stage) {
        List<Setting<String>> out = new ArrayList<>();
        List<Setting<String>> seen = new ArrayList<>();
        for (Step step : stage.steps()) {
            add(step.workdir(), stage, out, seen);
        }
        add(stage.config().workdir(), stage, out, seen);
        return out;
    }

    private static void add(Setting<String> workdir, Stage stage, List<Setting<String>> out, List<Setting<String>> seen) {
        if (workdir == null || workdir.instruction().kind() != InstructionKind.WORKDIR
                || seen.stream().anyMatch(s -> s == workdir)) {
            return;
        }
        seen.add(workdir);
        if (stage.steps().stream().anyMatch(s -> s.instruction() == workdir.instruction())) {
            out.add(workdir);
        }
    }
}
