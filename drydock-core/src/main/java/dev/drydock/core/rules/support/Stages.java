package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.MountSpec;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

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

    /**
     * The stages whose file system ends up in the image of {@code stage}: the stage and those it is
     * built on, the first one first (the order their instructions run in).
     */
    public static List<Stage> inImage(DockerfileModel model, Stage stage) {
        return lineage(model, stage).reversed();
    }

    /** What the stage's file system finally starts from: a registry image or scratch. */
    public static BaseImage rootBase(DockerfileModel model, Stage stage) {
        List<Stage> chain = lineage(model, stage);
        return chain.get(chain.size() - 1).base();
    }

    /** The stage whose FROM names {@link #rootBase}: the first stage of the lineage. */
    public static Stage rootStage(DockerfileModel model, Stage stage) {
        List<Stage> chain = lineage(model, stage);
        return chain.get(chain.size() - 1);
    }

    /**
     * Every stage BuildKit builds for {@code target}: the target, the stages it is built on, and those
     * it copies or mounts from, transitively; in Dockerfile order. Found once per model and target.
     */
    public static List<Stage> needed(DockerfileModel model, Stage target) {
        return model.derived("needed-stages", target, () -> List.copyOf(collectNeeded(model, target)));
    }

    private static List<Stage> collectNeeded(DockerfileModel model, Stage target) {
        TreeSet<Integer> seen = new TreeSet<>();
        Deque<Stage> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            Stage stage = todo.pop();
            if (!seen.add(stage.index())) {
                continue;
            }
            if (stage.base() instanceof BaseImage.OfStage parent) {
                todo.push(model.stages().get(parent.stageIndex()));
            }
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() >= 0 && copy.fromStage() < model.stages().size()) {
                    todo.push(model.stages().get(copy.fromStage()));
                }
            }
            for (CommandSpec run : stage.runs()) {
                for (Flag flag : run.instruction().flags("mount")) {
                    mountedStage(model, flag).ifPresent(todo::push);
                }
            }
        }
        List<Stage> out = new ArrayList<>();
        for (int index : seen) {
            out.add(model.stages().get(index));
        }
        return out;
    }

    private static Optional<Stage> mountedStage(DockerfileModel model, Flag flag) {
        try {
            MountSpec mount = flag.mount();
            return mount.from().flatMap(model::stage);
        } catch (SourceException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The image word of the stage's FROM ({@code python:3.12-slim} in {@code FROM python:3.12-slim AS app}). */
    public static Span imageSpan(Stage stage) {
        if (stage.from().arguments() instanceof WordList words && !words.words().isEmpty()) {
            Word image = words.words().get(0);
            return image.span();
        }
        return stage.from().span();
    }

    /** How a stage is named in messages: {@code stage "build"} or {@code stage 1}. */
    public static String describe(Stage stage) {
        return stage.name() == null ? "stage " + stage.index() : "stage \"" + stage.writtenName() + "\"";
    }
}
