package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.List;

/** Questions about stages that several rules ask. */
public final class Stages {

    private Stages() {}

    /** The stage and the stages it is built on, the stage itself first. */
    public static List<Stage> lineage(DockerfileModel model, Stage stage) {
        List<Stage> chain = new ArrayList<>();
        for (Stage s = stage; s != null; ) {
            chain.add(s);
            s = s.base() instanceof BaseImage.OfStage parent ? model.stages().get(parent.stageIndex()) : null;
        }
        return chain;
    }

    /** What the stage's file system finally starts from: a registry image or scratch. */
    public static BaseImage rootBase(DockerfileModel model, Stage stage) {
        List<Stage> chain = lineage(model, stage);
        return chain.get(chain.size() - 1).base();
    }
}
