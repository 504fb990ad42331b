package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.MountOption;
import dev.drydock.core.dockerfile.syntax.MountSpec;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.MisspeltRegistries;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StagesInUse;
import dev.drydock.core.rules.support.TrustedRegistries;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.Span;
import java.util.List;

@RuleDefinition(
        id = "untrusted-registry",
        title = "An image comes from a registry the project does not trust",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The FROM images, COPY --from images and RUN --mount from= images of the stages a build uses."
                + " With trusted registries in the project's drydock configuration (exact hosts, *, *.domain or"
                + " prefix* patterns; an image without a registry is on docker.io), each must come from one of them."
                + " Without one, only a registry host one typing slip away from a well-known public registry"
                + " (gchr.io for ghcr.io, qay.io for quay.io) is reported, as high: it is a typo-squatting risk."
                + " Stages, scratch and images named through unset variables pass.",
        problem = "The project allows base images only from the registries it lists, and this one is pulled from"
                + " another.",
        impact = "Images from an unvetted registry bypass the project's scanning, mirroring and provenance checks:"
                + " a typo-squatted or tampered image enters the build.",
        recommendation = "Pull the image through a trusted registry (the organisation's mirror or proxy cache), or add"
                + " the registry to the trusted list if it is meant to be allowed.",
        references = {
                "https://docs.docker.com/docker-hub/image-access-management/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {"DL3026"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM quay.io/someone/python:3.12.7-slim
                        CMD ["python3", "-m", "http.server"]
                        """,
                good = """
                        FROM registry.example.com/base/python:3.12.7-slim
                        CMD ["python3", "-m", "http.server"]
                        """,
                alongside = @ExampleFile(name = ".drydock.yaml", content = """
                                trusted-registries: ["registry.example.com"]
                                """)))
public final class UntrustedRegistry implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<String> trusted = context.settings().trustedRegistries();
        for (StagesInUse used : StagesInUse.of(context)) {
            Stage stage = used.stage();
            DockerfileModel model = used.image().model();
            String file = stage.from().file().path();
            if (stage.base() instanceof BaseImage.External external && external.reference() != null
                    && external.reference().isImage()) {
                check(context, file, Stages.imageSpan(stage), "FROM", external.reference(), trusted);
            }
            for (CopyCommand copy : stage.copies()) {
                if (copy.from() != null && copy.fromStage() < 0 && !copy.from().contains("$")
                        && !copy.from().equalsIgnoreCase(stage.name())) {
                    Flag flag = copy.instruction().flag("from").orElseThrow();
                    ImageReference.tryParse(copy.from()).filter(ImageReference::isImage).ifPresent(ref ->
                            check(context, file, flag.span(), copy.instruction().kind() + " --from", ref, trusted));
                }
            }
            for (RunStep run : RunStep.of(model, List.of(stage))) {
                for (Flag flag : run.instruction().flags("mount")) {
                    mountImage(context, file, model, flag, trusted);
                }
            }
        }
    }

    private void mountImage(ReviewContext context, String file, DockerfileModel model, Flag flag, List<String> trusted) {
        MountSpec mount;
        try {
            mount = flag.mount();
        } catch (SourceException | IllegalArgumentException e) {
            return;
        }
        String from = mount.from().orElse(null);
        if (from == null || from.contains("$") || model.stage(from).isPresent()) {
            return;
        }
        Span span = mount.option("from").map(MountOption::span).orElse(flag.span());
        ImageReference.tryParse(from).filter(ImageReference::isImage).ifPresent(ref ->
                check(context, file, span, "RUN --mount", ref, trusted));
    }

    private void check(ReviewContext context, String file, Span span, String where, ImageReference image,
            List<String> trusted) {
        List<String> meant = MisspeltRegistries.meant(image.registry());
        if (!meant.isEmpty()) {
            context.finding(this, file, span, where + " " + image.familiarString() + " comes from " + image.registry()
                            + ", one typing slip away from " + String.join(" and ", meant) + ": the pull fails, or"
                            + " brings whatever the owner of " + image.registry() + " publishes under that name")
                    .severity(Severity.HIGH)
                    .recommendation("Write the registry as " + meant.get(0) + " (" + image.familiarString()
                            .replace(image.registry() + "/", meant.get(0) + "/") + ").")
                    .add();
            return;
        }
        if (trusted.isEmpty() || TrustedRegistries.trusted(image, trusted)) {
            return;
        }
        context.finding(this, file, span, where + " " + image.familiarString() + " comes from " + image.registry()
                        + ", which is not among the trusted registries (" + String.join(", ", trusted) + ")")
                .add();
    }
}
