package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.SystemDirectories;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dockerfile edits the Node and JVM fixes share: lines around instructions, COPY ownership, the start command. */
final class StackEdits {

    private StackEdits() {
    }

    /** The container's Dockerfile as the project holds it, when the container is built from one. */
    static Optional<SourceFile> dockerfile(ReviewContext context, Container container) {
        if (container.build() == null || container.build().model() == null || container.build().stage() == null) {
            return Optional.empty();
        }
        return context.project().source(container.build().dockerfile());
    }

    /** The official image name the final stage starts from ("node", "eclipse-temurin"), or "". */
    static String officialBase(Container container) {
        if (container.build() == null || container.build().model() == null || container.build().stage() == null) {
            return "";
        }
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        return base instanceof BaseImage.External external && external.reference() != null
                ? ImageTags.officialName(external.reference()) : "";
    }

    /** A new line before an instruction, above the comment lines that belong to it. */
    static TextEdit lineBefore(SourceFile file, Instruction instruction, String line) {
        int first = instruction.startLine();
        for (int i = instruction.precedingComments().size() - 1; i >= 0; i--) {
            int commentLine = instruction.precedingComments().get(i).span().startLine();
            if (commentLine != first - 1) {
                break;
            }
            first = commentLine;
        }
        return SourceEdits.insertLinesBefore(file, first, line);
    }

    /** New lines after an instruction (after its continuation lines). */
    static TextEdit linesAfter(SourceFile file, Instruction instruction, String lines) {
        return SourceEdits.insertLinesAfter(file, instruction.span().endLine(), lines);
    }

    /** {@code --chown=owner} on each COPY and ADD of the stage that sets no owner, except into system directories. */
    static List<TextEdit> chownCopies(SourceFile file, Stage stage, String owner) {
        List<TextEdit> edits = new ArrayList<>();
        for (CopyCommand copy : stage.copies()) {
            if (copy.chown() == null && !SystemDirectories.target(copy)) {
                Instruction instruction = copy.instruction();
                int at = instruction.flags().isEmpty() ? instruction.keyword().span().end()
                        : instruction.flags().get(instruction.flags().size() - 1).span().end();
                edits.add(TextEdit.insert(file.path(), at, " --chown=" + owner));
            }
        }
        return edits;
    }

    /**
     * Where a USER line goes in the stage: before its CMD or ENTRYPOINT when no RUN follows them (so
     * that every RUN still runs as root), else after its last instruction.
     */
    static TextEdit userLine(SourceFile file, Stage stage, String userLine) {
        Instruction next = userLineBefore(stage);
        if (next != null) {
            return lineBefore(file, next, userLine);
        }
        List<Step> steps = stage.steps();
        Instruction last = steps.isEmpty() ? stage.from() : steps.get(steps.size() - 1).instruction();
        return linesAfter(file, last, userLine);
    }

    /** The CMD or ENTRYPOINT after the stage's last RUN that {@link #userLine} writes USER before, else null. */
    static Instruction userLineBefore(Stage stage) {
        List<Step> steps = stage.steps();
        int lastRun = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).instruction().kind() == InstructionKind.RUN) {
                lastRun = i;
            }
        }
        for (int i = lastRun + 1; i < steps.size(); i++) {
            InstructionKind kind = steps.get(i).instruction().kind();
            if (kind == InstructionKind.CMD || kind == InstructionKind.ENTRYPOINT) {
                return steps.get(i).instruction();
            }
        }
        return null;
    }

    /**
     * {@code init: true} for the container's compose service, so that an init process is PID 1 and
     * passes SIGTERM on: the last line of the service's block, indented like its keys. Empty for a
     * container without a compose service, a service that sets init, or one written in flow style.
     */
    static Optional<TextEdit> composeInit(ReviewContext context, Container container) {
        Service service = container.service();
        if (service == null || service.init() != null || service.node() == null || service.node().entries().isEmpty()) {
            return Optional.empty();
        }
        SourceFile compose = service.node().file();
        if (compose == null || !compose.path().equals(container.composeFile())) {
            return Optional.empty();
        }
        List<MapNode.Entry> entries = List.copyOf(service.node().entries());
        int firstKeyLine = entries.get(0).key().line();
        if (firstKeyLine <= service.nameKey().line()) {
            return Optional.empty();
        }
        Node last = entries.get(entries.size() - 1).value();
        int lastLine = last.span().endLine();
        if (lastLine > 1 && last.span().end() <= compose.lineStart(lastLine)) {
            lastLine--;
        }
        return Optional.of(SourceEdits.insertLinesAfter(compose, lastLine,
                SourceEdits.indentation(compose, firstKeyLine) + "init: true"));
    }

    /** The stage's own last instruction of this kind, or null. */
    static Instruction last(Stage stage, InstructionKind kind) {
        Instruction found = null;
        for (Step step : stage.steps()) {
            if (step.instruction().kind() == kind) {
                found = step.instruction();
            }
        }
        return found;
    }

    /** Whether the instruction is one of the stage's own (not inherited from a stage it is built on). */
    static boolean inStage(Stage stage, Instruction instruction) {
        return instruction != null && stage.steps().stream().anyMatch(s -> s.instruction() == instruction);
    }
}
