package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "copy-whole-filesystem",
        title = "COPY --from copies another stage's whole file system",
        severity = Severity.MEDIUM,
        category = Category.PERFORMANCE,
        checks = "Every COPY and ADD --from of the stages a build uses whose only source is / and whose destination"
                + " is / (after expansion). Quiet when what is copied has no operating system: a stage built FROM"
                + " scratch (a root file system assembled file by file), or an image published as a bundle of files"
                + " to copy whole (tonistiigi/xx, docker/buildx-bin, docker/compose-bin).",
        problem = "Copying / from a stage brings its whole operating system along: package databases, compilers,"
                + " caches and everything the builder installed, laid over the base image's own files.",
        impact = "The image is as large as the builder, the build tools it was meant to leave behind are in it, and"
                + " files of the base image (/etc/passwd, libraries) are overwritten by the builder's versions.",
        recommendation = "Copy only what the program needs: COPY --from=build /app/bin/server /usr/local/bin/server"
                + " (and its runtime files), or start the final stage FROM the build stage if everything is needed.",
        references = {
                "https://docs.docker.com/build/building/multi-stage/",
                "https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds"},
        aliases = {"DL3067"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2 AS build
                        RUN go env GOVERSION > /version

                        FROM gcr.io/distroless/static-debian12:nonroot
                        COPY --from=build / /
                        """,
                good = """
                        FROM golang:1.23.2 AS build
                        RUN go env GOVERSION > /version

                        FROM gcr.io/distroless/static-debian12:nonroot
                        COPY --from=build /version /version
                        """))
public final class CopyWholeFilesystem implements Rule {

    /**
     * Images published FROM scratch as a set of files, whose documented use is COPY --from=IMAGE / /
     * (the xx cross-compilation helpers, the buildx and compose CLI plugin binaries).
     */
    private static final Set<String> FILE_BUNDLES = Set.of("tonistiigi/xx", "docker/buildx-bin", "docker/compose-bin");

    private static final Pattern FILESYSTEM_ROOT = Pattern.compile("/+(\\.?/*)?");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (CopyCommand copy : used.stage().copies()) {
                if (copy.from() == null || copy.sources().size() != 1 || !root(copy.sources().get(0))
                        || !root(copy.destination()) || holdsNoSystem(used.image().model(), copy)) {
                    continue;
                }
                List<Word> sources = CopySources.sources(copy.instruction());
                Word destination = CopySources.destination(copy.instruction());
                context.finding(this, copy.instruction().file().path(),
                                Spans.cover(sources.get(0).span(), destination.span()),
                                copy.instruction().kind() + " --from=" + copy.from() + " / / copies the whole file"
                                        + " system of " + copy.from() + " into this stage")
                        .add();
            }
        }
    }

    /**
     * Whether what is copied has no operating system to bring along: a stage built on scratch (a rootfs
     * assembled file by file), or an image published as a bundle of files to be copied whole.
     */
    private static boolean holdsNoSystem(DockerfileModel model, CopyCommand copy) {
        ImageReference image;
        if (copy.fromStage() >= 0) {
            BaseImage base = Stages.rootBase(model, model.stages().get(copy.fromStage()));
            if (base instanceof BaseImage.Scratch) {
                return true;
            }
            image = base instanceof BaseImage.External external ? external.reference() : null;
        } else {
            image = ImageReference.tryParse(copy.from()).orElse(null);
        }
        return image != null && image.isImage() && (image.isScratch()
                || FILE_BUNDLES.contains(image.familiarName().toLowerCase(Locale.ROOT)));
    }

    private static boolean root(String path) {
        String p = CopySources.unquote(path);
        return FILESYSTEM_ROOT.matcher(p).matches() || p.equals("/.");
    }
}
