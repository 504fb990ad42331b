package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DeclaredBuild;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.DevelopmentStages;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image the project builds: a Dockerfile up to a target stage with given build arguments, and the
 * containers that run it (several compose services may build the same image). Rules about what is in
 * an image look at each once, so a finding is not repeated per service.
 *
 * @param dockerfile the Dockerfile's path relative to the project root
 * @param model the Dockerfile read with this build's arguments and target
 * @param stage the target stage: the image
 * @param containers the containers that run this image, at least one
 * @param devContainer whether the image is a dev container's, built for developers to work in ({@link DevContainers})
 * @param namedForDevelopment whether its Dockerfile is named for development or tests and nothing deploys it
 *     ({@link DevelopmentDockerfiles})
 */
public record BuiltImage(String dockerfile, DockerfileModel model, Stage stage, List<Container> containers,
        boolean devContainer, boolean namedForDevelopment) {

    public BuiltImage {
        containers = List.copyOf(containers);
    }

    /** The images the project builds, in the order of their first container (found once per review). */
    public static List<BuiltImage> of(ReviewContext context) {
        return context.memo("built-images", BuiltImage.class, BuiltImage::group);
    }

    private static List<BuiltImage> group(ReviewContext context) {
        Map<String, List<Container>> groups = new LinkedHashMap<>();
        for (Container container : context.builtContainers()) {
            var build = container.build();
            if (build.model() == null) {
                continue;
            }
            String key = build.dockerfile() + "#" + build.stage().index() + "#" + build.model().options().buildArgs();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(container);
        }
        List<BuiltImage> images = new ArrayList<>();
        for (List<Container> group : groups.values()) {
            var build = group.get(0).build();
            boolean devContainer = group.stream().allMatch(c -> DevContainers.of(context, c).isPresent());
            boolean namedForDevelopment = group.stream().allMatch(c -> DevelopmentDockerfiles.builds(context, c));
            images.add(new BuiltImage(build.dockerfile(), build.model(), build.stage(), group, devContainer,
                    namedForDevelopment));
        }
        return List.copyOf(images);
    }

    /** The stages whose file system is the image's, the first built first. */
    public List<Stage> imageStages() {
        return Stages.inImage(model, stage);
    }

    /** Every stage built for this image (builder stages included), in Dockerfile order. */
    public List<Stage> neededStages() {
        return Stages.needed(model, stage);
    }

    /** The RUNs whose results are in the image, in order. */
    public List<RunStep> imageRuns() {
        return RunStep.of(model, imageStages());
    }

    /** What the image's file system starts from. */
    public BaseImage rootBase() {
        return Stages.rootBase(model, stage);
    }

    /**
     * The builds CI, task and Bake files declare of this image: of its Dockerfile (under its own name or a symlink's
     * to it, or of the file it links to), with its stage as target (the last stage when a build names none).
     */
    public List<DeclaredBuild> declaredBuilds(Project project) {
        return project.declaredBuilds().stream().filter(b -> project.layout().sameFile(b.dockerfile(), dockerfile))
                .filter(b -> (b.target() == null ? Optional.of(model.stages().get(model.stages().size() - 1))
                        : model.stage(b.target())).map(s -> s.index() == stage.index()).orElse(false))
                .toList();
    }

    /** The first container (a compose service, or the lone Dockerfile). */
    public Container container() {
        return containers.get(0);
    }

    /**
     * Whether the image is built for developers or for tests and never published: a dev container's image, or one
     * whose Dockerfile is named for development ({@code Dockerfile.dev}, {@code Dockerfile.test}). Health, labels,
     * build arguments and scanning are not its concerns.
     */
    public boolean builtForDevelopment() {
        return devContainer || namedForDevelopment;
    }

    /**
     * Whether the image is meant for development or tests, not for production: its stage's name or its Dockerfile's
     * says so, or it is a dev container's image.
     */
    public boolean isDevelopmentImage() {
        return builtForDevelopment() || isDevelopmentStage(stage);
    }

    /**
     * Whether the image is a development or test stage built as a target before the Dockerfile's last stage
     * ({@code target: dev} in compose.override.yaml): the last stage is the image that is published, and this one
     * runs on developers' machines or in CI only.
     */
    public boolean isDevelopmentTarget() {
        List<Stage> stages = model.stages();
        return isDevelopmentStage(stage) && !stages.isEmpty() && stages.get(stages.size() - 1) != stage;
    }

    /**
     * Whether only development compose files run the image ({@link ComposeServices#isDevelopmentFile(ReviewContext,
     * String)}): cookiecutter-django's compose/local/django/Dockerfile, built by local.yml alone. An image that a
     * production file or no compose file runs is not one.
     */
    public boolean runOnlyForDevelopment(ReviewContext context) {
        return containers.stream().allMatch(c -> c.composeFile() != null
                && ComposeServices.isDevelopmentFile(context, c.composeFile()));
    }

    /** Whether a stage's name marks it for development or tests ({@code dev}, {@code development}, {@code test}). */
    public static boolean isDevelopmentStage(Stage stage) {
        return stage != null && isDevelopmentStageName(stage.name());
    }

    /** Whether a stage name ({@code dev}, {@code development}, {@code test}, {@code app-dev}) marks development or tests. */
    public static boolean isDevelopmentStageName(String name) {
        return DevelopmentStages.named(name);
    }
}
