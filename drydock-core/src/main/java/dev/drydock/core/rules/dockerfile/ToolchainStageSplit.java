package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.ToolchainBuilds.Build;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a single-stage Dockerfile that compiles on a tool-chain image and runs the result into a builder stage
 * (the original stage up to the build, named {@code build}) and a runtime stage FROM the matching runtime image that
 * copies the artifact to the same path, so the command stays as written. The runtime stage repeats the ENV, EXPOSE
 * and LABEL instructions written before the build, sets the working directory when the command names the artifact
 * by a relative path and no later WORKDIR does, and goes on with the instructions
 * after the build. No fix when the runtime image or the artifact's path is not known, or when an instruction after
 * the build needs the builder's file system or users: a RUN, COPY, ADD, HEALTHCHECK, ONBUILD, a USER by name.
 */
final class ToolchainStageSplit {

    private static final Set<InstructionKind> CARRIED = Set.of(InstructionKind.ENV, InstructionKind.EXPOSE,
            InstructionKind.LABEL);
    private static final Set<InstructionKind> AFTER = Set.of(InstructionKind.ENV, InstructionKind.EXPOSE,
            InstructionKind.LABEL, InstructionKind.ARG, InstructionKind.STOPSIGNAL, InstructionKind.CMD,
            InstructionKind.ENTRYPOINT, InstructionKind.WORKDIR, InstructionKind.USER);

    private ToolchainStageSplit() {}

    static Optional<Fix> fix(BuiltImage image, Build build) {
        var model = image.model();
        Stage stage = image.stage();
        if (build.runtimeImage() == null || build.copyPath() == null || model.stages().size() != 1
                || stage.name() != null || build.run().stage() != stage) {
            return Optional.empty();
        }
        List<Step> steps = stage.steps();
        int buildAt = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).instruction() == build.run().instruction()) {
                buildAt = i;
            }
        }
        if (buildAt < 0) {
            return Optional.empty();
        }
        StringBuilder carried = new StringBuilder();
        for (Step step : steps.subList(0, buildAt)) {
            if (CARRIED.contains(step.instruction().kind())) {
                carried.append('\n').append(InstructionLines.text(step.instruction()).replace("\r\n", "\n"));
            }
        }
        List<Step> after = steps.subList(buildAt + 1, steps.size());
        for (Step step : after) {
            Instruction instruction = step.instruction();
            if (!AFTER.contains(instruction.kind())
                    || instruction.kind() == InstructionKind.USER && !numericUser(step, build)) {
                return Optional.empty();
            }
        }
        String workdir = steps.get(buildAt).workdir() == null ? null : steps.get(buildAt).workdir().value();
        SourceFile file = stage.from().file();
        Instruction buildRun = build.run().instruction();
        int fromEnd = dev.drydock.core.rules.support.Stages.imageSpan(stage).end();
        StringBuilder runtime = new StringBuilder("\n\n").append(runtimeComment(build)).append("FROM ")
                .append(build.runtimeImage()).append(carried);
        boolean workdirLater = after.stream().anyMatch(s -> s.instruction().kind() == InstructionKind.WORKDIR);
        if (workdir != null && !workdir.equals("/") && !workdirLater && !build.artifact().startsWith("/")) {
            runtime.append("\nWORKDIR ").append(workdir);
        }
        runtime.append("\nCOPY --from=build ").append(build.copyPath()).append(' ').append(build.copyPath());
        TextEdit name = TextEdit.insert(file.path(), fromEnd, " AS build");
        TextEdit split = TextEdit.insert(file.path(), file.lineEnd(buildRun.endLine()), runtime.toString());
        return Optional.of(Fix.of("split into a builder stage FROM " + build.base().familiarString()
                + " and a runtime stage FROM " + build.runtimeImage() + " that copies " + build.copyPath(),
                FixSafety.UNSAFE, name, split).restructuring());
    }

    private static String runtimeComment(Build build) {
        return "# The runtime stage: " + switch (build.stack()) {
            case GO -> "the static binary (CGO_ENABLED=0) without the Go tool chain";
            case DOTNET -> "the published output on the .NET runtime, without the SDK";
            default -> "the jar on a Java runtime, without the JDK, the build tool and its cache";
        } + "\n";
    }

    /** A USER the runtime image has as well: a numeric id, or .NET's $APP_UID on a .NET runtime image. */
    private static boolean numericUser(Step step, Build build) {
        String user = InstructionLines.text(step.instruction()).trim().replaceFirst("(?i)^USER\\s+", "").trim();
        return user.matches("\\d+(:\\d+)?")
                || build.stack() == dev.drydock.core.rules.support.ToolchainBuilds.Stack.DOTNET
                        && (user.equals("$APP_UID") || user.equals("${APP_UID}"));
    }
}
