package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;

/** The Dockerfile instruction behind an origin of the project model (a container's CMD, ENTRYPOINT, USER ...). */
public final class WrittenInstructions {

    private WrittenInstructions() {
    }

    /** The instruction written at {@code origin} in any stage of any Dockerfile of the project, or null. */
    public static Instruction at(ReviewContext context, Origin origin) {
        if (origin == null || origin.span() == null) {
            return null;
        }
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || !dockerfile.file().path().equals(origin.file())) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                for (Step step : stage.steps()) {
                    if (step.instruction().span().start() == origin.span().start()) {
                        return step.instruction();
                    }
                }
            }
        }
        return null;
    }

    /** The instruction the container's own final stage writes at {@code origin}, or null (inherited or from compose). */
    public static Instruction ownAt(Container c, Origin origin) {
        if (c.build() == null || c.build().stage() == null || origin == null || origin.span() == null
                || !origin.file().equals(c.build().dockerfile())) {
            return null;
        }
        for (Step step : c.build().stage().steps()) {
            if (step.instruction().span().start() == origin.span().start()) {
                return step.instruction();
            }
        }
        return null;
    }

    /**
     * The instruction written at {@code origin} in one of the stages the container's image is made of (its final
     * stage and the stages that stage is FROM), or null (from compose or another Dockerfile).
     */
    public static Instruction inImageAt(Container c, Origin origin) {
        if (c.build() == null || c.build().stage() == null || origin == null || origin.span() == null
                || !origin.file().equals(c.build().dockerfile())) {
            return null;
        }
        for (Stage stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (Step step : stage.steps()) {
                if (step.instruction().span().start() == origin.span().start()) {
                    return step.instruction();
                }
            }
        }
        return null;
    }

    /**
     * The word {@code value} of the container's command when a Dockerfile stage of its image writes that command in
     * exec form, else the whole command where it is written.
     */
    public static Location commandWord(Container c, EffectiveCommand command, String value) {
        Instruction written = inImageAt(c, command.origin());
        if (written != null && written.arguments() instanceof ExecForm exec) {
            for (Word w : exec.elements()) {
                if (w.value().equals(value)) {
                    return new Location(written.file().path(), w.span());
                }
            }
        }
        return new Location(command.origin().file(), command.origin().span());
    }
}
