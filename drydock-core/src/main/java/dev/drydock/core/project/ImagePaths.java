package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.Copy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the files of a stage's file system come from in the build context: its copies from the context, and
 * those of the stages it is built on, in build order; its {@code COPY --from} of other stages, followed through
 * theirs (a few stages deep); and the copies a {@code turbo prune} RUN makes of the workspace.
 */
public final class ImagePaths {

    /** How many {@code COPY --from} hops are followed: deeper chains map nowhere. */
    private static final int MAX_DEPTH = 6;

    private final DockerfileModel model;
    private final Predicate<String> isDirectory;
    private final Map<Integer, ContextPaths> known = new HashMap<>();

    private ImagePaths(DockerfileModel model, Predicate<String> isDirectory) {
        this.model = model;
        this.isDirectory = isDirectory;
    }

    /**
     * The paths of {@code stage}'s file system.
     *
     * @param isDirectory tells whether a normalized context-relative path ("" for the context itself) is a folder
     */
    public static ContextPaths of(DockerfileModel model, Stage stage, Predicate<String> isDirectory) {
        return new ImagePaths(model, isDirectory).stage(stage, 0);
    }

    /** The context copies alone of a stage and the stages it is built on, source by source, in build order. */
    public static List<Copy> contextCopies(DockerfileModel model, Stage stage) {
        List<Copy> copies = new ArrayList<>();
        for (Stage s : lineage(model, stage)) {
            for (CopyCommand copy : s.copies()) {
                if (copy.fromContext()) {
                    copies.addAll(copies(model, copy));
                }
            }
        }
        return copies;
    }

    private ContextPaths stage(Stage stage, int depth) {
        ContextPaths done = known.get(stage.index());
        if (done != null) {
            return done;
        }
        List<ContextPaths.Layer> layers = new ArrayList<>();
        for (Stage s : lineage(model, stage)) {
            Map<Instruction, CopyCommand> copies = new IdentityHashMap<>();
            s.copies().forEach(c -> copies.put(c.instruction(), c));
            Map<Instruction, CommandSpec> runs = new IdentityHashMap<>();
            s.runs().forEach(r -> runs.put(r.instruction(), r));
            for (Step step : s.steps()) {
                CopyCommand copy = copies.get(step.instruction());
                CommandSpec run = runs.get(step.instruction());
                if (copy != null) {
                    layers.addAll(layers(copy, s, depth));
                } else if (run != null) {
                    String workdir = step.workdir() == null ? "/" : step.workdir().value();
                    TurboPrune.of(model, run, workdir).ifPresent(prune -> layers.add(ContextPaths.Layer.moved(
                            prune.out(), prune::origin, ContextPaths.of(List.copyOf(layers), isDirectory))));
                }
            }
        }
        ContextPaths paths = ContextPaths.of(layers, isDirectory);
        known.put(stage.index(), paths);
        return paths;
    }

    private List<ContextPaths.Layer> layers(CopyCommand copy, Stage in, int depth) {
        if (copy.fromContext()) {
            return copies(model, copy).stream().map(ContextPaths.Layer::context).toList();
        }
        Stage from = copy.fromStage() >= 0 && copy.fromStage() < model.stages().size() && copy.fromStage() != in.index()
                ? model.stages().get(copy.fromStage()) : null;
        ContextPaths source = from == null || depth >= MAX_DEPTH ? null : stage(from, depth + 1);
        return copies(model, copy).stream().map(c -> ContextPaths.Layer.stage(c, source)).toList();
    }

    /** One COPY's sources (no URLs) as {@link Copy} records; none for a here-document. */
    private static List<Copy> copies(DockerfileModel model, CopyCommand copy) {
        String workdir = model.step(copy.instruction()).map(Step::workdir).map(w -> w.value()).orElse("/");
        List<String> sources = copy.sources().stream().filter(s -> !s.contains("://")).toList();
        return sources.isEmpty() || !copy.heredocs().isEmpty() ? List.of()
                : Copy.all(sources, copy.destination(), workdir);
    }

    /** The stage and the stages it is built on, the first base first. */
    private static List<Stage> lineage(DockerfileModel model, Stage stage) {
        List<Stage> chain = new ArrayList<>();
        for (Stage s = stage; s != null && chain.size() <= model.stages().size(); ) {
            chain.add(0, s);
            s = s.base() instanceof BaseImage.OfStage parent ? model.stages().get(parent.stageIndex()) : null;
        }
        return chain;
    }
}
