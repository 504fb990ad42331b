package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which of the declared builds of a Dockerfile stands for its image. The context most builds use; the last stage
 * (or the last one not named for tests) when one build takes it and no other build pushes its image while that one
 * does not (a release pushed with {@code --target release} before a last stage that only uploads files from a
 * build), else a build that pushes its target, else a target named like a product image
 * ({@code production}, {@code release}, {@code runtime}...), else the first build's target. A build that only exports
 * files from its stage ({@code --output type=local}), or that targets, without pushing it, a stage that one is
 * built from (a builder whose image is only a cache or a step: {@code docker build --target ghr-builder}) or a test
 * stage, does not stand for the image: when every build is such a one, the image is the last stage.
 */
final class DeclaredBuildChoice {

    private DeclaredBuildChoice() {}

    private static final Set<String> PRODUCT_TARGETS = Set.of("prod", "production", "release", "runtime", "final",
            "app", "server", "runner", "run", "deploy", "dist", "image", "main");

    /** @param models the model of a Dockerfile by its path, or null when it cannot be read */
    static Map<String, DeclaredBuild> byDockerfile(List<DeclaredBuild> builds, Function<String, DockerfileModel> models) {
        Map<String, List<DeclaredBuild>> grouped = new LinkedHashMap<>();
        for (DeclaredBuild build : builds) {
            grouped.computeIfAbsent(build.dockerfile(), d -> new ArrayList<>()).add(build);
        }
        Map<String, DeclaredBuild> chosen = new LinkedHashMap<>();
        grouped.forEach((dockerfile, list) -> chosen.put(dockerfile, choose(list, models.apply(dockerfile))));
        return chosen;
    }

    private static DeclaredBuild choose(List<DeclaredBuild> builds, DockerfileModel model) {
        Map<String, Integer> contexts = new LinkedHashMap<>();
        builds.forEach(b -> contexts.merge(b.context(), 1, Integer::sum));
        String context = contexts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<DeclaredBuild> same = builds.stream().filter(b -> b.context().equals(context)).toList();
        boolean anyShipped = same.stream().anyMatch(b -> b.output() == BuildOutput.SHIPPED);
        for (DeclaredBuild build : same) {
            if (build.output() != BuildOutput.FILES && lastStage(build, model)
                    && (!anyShipped || build.output() == BuildOutput.SHIPPED)) {
                return build;
            }
        }
        List<DeclaredBuild> images = same.stream().filter(b -> !stepOnly(b, model)).toList();
        if (images.isEmpty()) {
            return same.get(0).withoutTarget();
        }
        for (DeclaredBuild build : images) {
            if (build.output() == BuildOutput.SHIPPED) {
                return build;
            }
        }
        for (DeclaredBuild build : images) {
            if (PRODUCT_TARGETS.contains(build.target().toLowerCase(Locale.ROOT))) {
                return build;
            }
        }
        return images.get(0);
    }

    /** Whether the build makes the Dockerfile's last stage (no target) or its {@link #product} stage. */
    private static boolean lastStage(DeclaredBuild build, DockerfileModel model) {
        if (build.target() == null) {
            return true;
        }
        Stage product = product(model);
        return product != null && model.stage(build.target()).map(s -> s.index() == product.index()).orElse(false);
    }

    /** The last stage not named for development or tests ({@code FROM prod AS test} comes after the image); or null. */
    private static Stage product(DockerfileModel model) {
        List<Stage> stages = model == null ? List.of() : model.stages();
        for (Stage stage : stages.reversed()) {
            if (!DevelopmentStages.named(stage.name())) {
                return stage;
            }
        }
        return null;
    }

    /**
     * Whether a build of a stage other than the last makes no image that is shipped: it exports files, or it does not
     * push and its target is a test stage or one the last stage is built from.
     */
    private static boolean stepOnly(DeclaredBuild build, DockerfileModel model) {
        if (build.output() == BuildOutput.FILES) {
            return true;
        }
        Stage product = product(model);
        if (build.output() == BuildOutput.SHIPPED || product == null) {
            return false;
        }
        Optional<Stage> target = model.stage(build.target());
        return target.isPresent() && (DevelopmentStages.named(target.get().name())
                || builtFrom(model, product, target.get().index()));
    }

    /** Whether {@code stage} starts from, or copies from, the stage at {@code index}, directly or through others. */
    private static boolean builtFrom(DockerfileModel model, Stage stage, int index) {
        List<Integer> todo = new ArrayList<>(List.of(stage.index()));
        Set<Integer> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Stage current = model.stages().get(todo.removeLast());
            if (!seen.add(current.index())) {
                continue;
            }
            if (current.index() == index && current != stage) {
                return true;
            }
            if (current.base() instanceof BaseImage.OfStage parent) {
                todo.add(parent.stageIndex());
            }
            for (CopyCommand copy : current.copies()) {
                if (copy.fromStage() >= 0 && copy.fromStage() < model.stages().size()) {
                    todo.add(copy.fromStage());
                }
            }
        }
        return false;
    }
}
