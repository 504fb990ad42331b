package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.VariableReference;
import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import dev.drydock.core.rules.support.Stages;
import java.util.List;

@RuleDefinition(
        id = "invalid-default-arg-in-from",
        title = "The FROM image is not valid with the ARG defaults",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The image of every FROM that uses a variable, expanded with the defaults of the ARGs before the first"
                + " FROM and no --build-arg, as BuildKit's InvalidDefaultArgInFrom check does: fires when the result"
                + " is empty or not a valid image reference (busybox: from busybox:${TAG} with ARG TAG). An image"
                + " that uses a variable no ARG declares is left to undefined-arg-in-from, which names the cause. Low"
                + " severity when every build of the Dockerfile that the project declares (compose build.args, a CI"
                + " --build-arg or docker/build-push-action build-args) passes the arguments.",
        problem = "A Dockerfile should build as it is: an ARG without a usable default makes every plain"
                + " docker build fail, and only a build that passes the right --build-arg works.",
        impact = "docker build without build arguments fails with an invalid reference error, in CI, for a new"
                + " contributor, or for tools that build the Dockerfile as it is.",
        recommendation = "Give the ARG a default that makes a valid image (ARG TAG=1.37.0), or a fallback in the"
                + " reference itself (busybox:${TAG:-1.37.0}).",
        references = {
                "https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/",
                "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact"},
        aliases = {"InvalidDefaultArgInFrom"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        ARG TAG
                        FROM busybox:${TAG}
                        CMD ["busybox", "--help"]
                        """,
                good = """
                        ARG TAG=1.37.0
                        FROM busybox:${TAG}
                        CMD ["busybox", "--help"]
                        """))
public final class InvalidDefaultArgInFrom implements Rule {

    /**
     * Whether every declared build of this Dockerfile (compose, CI, a task file) passes a build argument for each
     * variable of the image.
     */
    private static boolean everyBuildSets(ReviewContext context, DockerfileSource dockerfile, WordExpander expander,
            DockerfileModel model, String image) {
        List<String> names = expander.expand(image, model.globalArgs()).references().stream()
                .map(VariableReference::name).toList();
        boolean any = false;
        for (Container container : context.builtContainers()) {
            BuildLink build = container.build();
            if (build == null || build.model() == null || !build.dockerfile().equals(dockerfile.file().path())) {
                continue;
            }
            if (build.origin() == null || !build.model().options().buildArgs().keySet().containsAll(names)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Where the builds that pass the arguments are declared: "the compose build", "the build in release.yml". */
    private static String setBy(ReviewContext context, DockerfileSource dockerfile) {
        for (Container container : context.builtContainers()) {
            BuildLink build = container.build();
            if (build != null && build.dockerfile().equals(dockerfile.file().path()) && !container.isComposeService()
                    && build.origin() != null) {
                return "the build in " + build.origin().file();
            }
        }
        return "the compose build";
    }

    /** Whether the image uses a variable no global ARG declares: undefined-arg-in-from reports that cause. */
    private static boolean usesUndeclared(WordExpander expander, DockerfileModel model, String image) {
        return expander.expand(image, model.globalArgs()).references().stream()
                .anyMatch(r -> !r.isSpecialParameter() && model.globalArgs().definition(r.name()) == null);
    }

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null || BuildCheckDirective.skips(dockerfile.syntax(), "InvalidDefaultArgInFrom")) {
                continue;
            }
            DockerfileModel model = dockerfile.model();
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            for (Stage stage : model.stages()) {
                if (!(stage.base() instanceof BaseImage.External image) || image.reference() != null
                        || image.written().indexOf('$') < 0 || usesUndeclared(expander, model, image.written())) {
                    continue;
                }
                String result = image.expanded().isEmpty() ? "an empty image name" : "'" + image.expanded() + "'";
                boolean composeSetsIt = everyBuildSets(context, dockerfile, expander, model, image.written());
                context.finding(this, dockerfile.file().path(), Stages.imageSpan(stage), "FROM " + image.written()
                                + " gives " + result + " with the ARG defaults, which is not a valid image"
                                + (image.problem() == null ? "" : " (" + image.problem() + ")")
                                + (composeSetsIt ? ": " + setBy(context, dockerfile) + " passes the argument, but a plain docker build"
                                        + " of the Dockerfile fails" : ": the build fails unless --build-arg sets it"))
                        .recommendation("Give the ARG used here a default that makes a valid image, or write a"
                                + " fallback in the reference (${NAME:-default}).")
                        .severity(composeSetsIt ? Severity.LOW : Severity.MEDIUM)
                        .add();
            }
        }
    }
}
