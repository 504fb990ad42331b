package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage built FROM another starts as that stage's last USER. When a fix makes the container's stage
 * end as an unprivileged user, a stage built on it (a development or test stage) whose RUN steps ran
 * as root would run them as that user, and its package installs would fail: {@code USER root} right
 * after its FROM keeps them as they were.
 */
final class RootForDerivedStages {

    private RootForDerivedStages() {}

    static Fix add(Container container, Fix fix) {
        DockerfileModel model = container.build().model();
        Stage stage = container.build().stage();
        SourceFile file = stage.from().file();
        List<TextEdit> edits = new ArrayList<>(fix.edits());
        for (Stage child : model.stages()) {
            if (child.base() instanceof BaseImage.OfStage parent && parent.stageIndex() == stage.index()
                    && runsBeforeOwnUser(child)) {
                edits.add(TextEdit.insert(container.build().dockerfile(), file.lineEnd(child.from().endLine()),
                        "\n# " + (stage.name() == null ? "The parent stage" : stage.name())
                                + " ends as an unprivileged user; the RUN steps below need root\nUSER root"));
            }
        }
        return edits.size() == fix.edits().size() ? fix : Fix.of(fix.title(), fix.safety(), edits);
    }

    private static boolean runsBeforeOwnUser(Stage stage) {
        for (Step step : stage.steps()) {
            if (step.instruction().kind() == InstructionKind.USER) {
                return false;
            }
            if (step.instruction().kind() == InstructionKind.RUN) {
                return true;
            }
        }
        return false;
    }
}
