package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DeprecatedImages;
import dev.drydock.core.rules.support.DeprecatedImages.Deprecation;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "deprecated-base-image",
        title = "Base image is a deprecated official image",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The image of every FROM (final and builder stages that the build uses), after build arguments are"
                + " expanded: it fires when it is a Docker Official Image that Docker Hub marks as deprecated and no"
                + " longer updates: openjdk (except its early-access tags), java, adoptopenjdk, centos and jenkins;"
                + " and AdoptOpenJDK's own repositories (adoptopenjdk/openjdk11, adoptopenjdk/openjdk11-openj9),"
                + " deprecated with it; and the variants of maintained images that were built on those and stopped"
                + " with them: maven's openjdk and adoptopenjdk tags (maven:3.8.6-openjdk-11, maven:3.6-jdk-11) and"
                + " gradle's adoptopenjdk tags (gradle:jdk11-hotspot, gradle:jdk11-openj9)."
                + " The same for the `image` of compose services that are pulled, not built (no `build` section): one"
                + " finding per image and compose file, naming every service that runs it."
                + " Images of other publishers with the same name (example/openjdk), stages the build does not"
                + " use and compose images whose variable is not set are left alone.",
        problem = "A deprecated official image is frozen: its tags stay where they were on the day its updates"
                + " stopped, while the distribution packages and the runtime inside it keep getting security"
                + " releases elsewhere.",
        impact = "Every build ships the vulnerabilities found since then in the OS packages and the runtime, and"
                + " scanners report them with no fixed tag of the image to move to.",
        recommendation = "Move to a maintained image: eclipse-temurin (or amazoncorretto,"
                + " ibm-semeru-runtimes, sapmachine, the alternatives the openjdk notice lists) for openjdk, java and"
                + " adoptopenjdk, the eclipse-temurin variants for maven and gradle (maven:3.8.6-openjdk-11 becomes"
                + " maven:3.9-eclipse-temurin-11); rockylinux or"
                + " almalinux for centos; jenkins/jenkins for jenkins. The tags of the same Java release map one for"
                + " one (openjdk:17-jdk-slim becomes eclipse-temurin:17-jdk).",
        references = {
                "https://hub.docker.com/_/openjdk",
                "https://hub.docker.com/_/centos",
                "https://github.com/docker-library/openjdk/issues/505"},
        fix = FixSafety.UNSAFE,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM openjdk:17-jdk-slim
                        COPY app.jar /app/app.jar
                        CMD ["java", "-jar", "/app/app.jar"]
                        """,
                good = """
                        FROM eclipse-temurin:17-jdk
                        COPY app.jar /app/app.jar
                        CMD ["java", "-jar", "/app/app.jar"]
                        """))
public final class DeprecatedBaseImage implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                if (stage.base() instanceof BaseImage.External external && external.reference() != null
                        && reported.add(image.dockerfile() + "#" + stage.index())) {
                    DeprecatedImages.of(external.reference())
                            .ifPresent(d -> report(context, image, stage, external, d));
                }
            }
        }
        checkCompose(context);
    }

    /** Services that run a deprecated image as it is; one finding per image and compose file, naming them all. */
    private void checkCompose(ReviewContext context) {
        List<ComposeServices.Ref> pulled = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (deprecation(ref.service()).isPresent()) {
                pulled.add(ref);
            }
        }
        for (List<ComposeServices.Ref> group : ComposeServices.byPulledImage(pulled)) {
            Service first = group.get(0).service();
            ImageReference ref = ImageReference.tryParse(first.image().value()).orElseThrow();
            Deprecation deprecation = deprecation(first).orElseThrow();
            List<String> names = group.stream().map(ComposeServices.Ref::name).toList();
            context.finding(this, ComposeServices.location(first.image().node()), "the image " + ref.familiarString()
                            + " of " + ComposeServices.names(names) + ComposeServices.imageLines(group) + " " + deprecation.lead()
                            + " received no updates after " + deprecation.updatedUntil()
                            + ", so no security fixes either")
                    .recommendation(recommendation(ref, deprecation))
                    .add();
        }
    }

    private static Optional<Deprecation> deprecation(Service service) {
        return ComposeServices.pulledImage(service).flatMap(DeprecatedImages::of);
    }

    private void report(ReviewContext context, BuiltImage image, Stage stage, BaseImage.External external,
            Deprecation deprecation) {
        ImageReference ref = external.reference();
        Optional<String> dropIn = dropIn(ref, deprecation);
        StringBuilder message = new StringBuilder(ref.familiarString()).append(' ').append(deprecation.lead())
                .append(" received no updates after ").append(deprecation.updatedUntil())
                .append(", so no security fixes either");
        if (!Stages.inImage(image.model(), image.stage()).contains(stage)) {
            message.append("; it is the base of the builder ").append(Stages.describe(stage));
        }
        Span word = Stages.imageSpan(stage);
        Fix fix = dropIn.filter(tag -> external.written().equals(external.expanded()) && !ref.isPinnedByDigest())
                .map(tag -> Fix.of("replace " + ref.familiarString() + " with " + tag, FixSafety.UNSAFE,
                        TextEdit.replace(image.dockerfile(), word, tag)))
                .orElse(null);
        context.finding(this, image.dockerfile(), word, message.toString())
                .recommendation(recommendation(ref, deprecation))
                .fix(fix)
                .add();
    }

    private static String recommendation(ImageReference ref, Deprecation deprecation) {
        return "Move to " + deprecation.successor()
                + dropIn(ref, deprecation).map(tag -> " (" + ref.familiarString() + " becomes " + tag + ")").orElse("")
                + "; " + deprecation.note() + "."
                + (deprecation.successor().contains("eclipse-temurin")
                        ? " JAVA_HOME is /opt/java/openjdk there: check paths that name the old JDK directory."
                        : "");
    }

    private static Optional<String> dropIn(ImageReference ref, Deprecation deprecation) {
        return ref.hasExplicitTag() ? deprecation.dropIn(ref.tag()) : Optional.empty();
    }
}
