package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "run-without-shell",
        title = "A shell-form RUN in a stage whose base image has no shell",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The RUN instructions in shell form of every stage a build uses whose file system starts FROM scratch"
                + " or from an image known to have no /bin/sh (distroless images, whose :debug tags keep BusyBox's"
                + " shell at /busybox/sh only, Chainguard's without -dev, the .NET images' chiseled and distroless variants, oven/bun's distroless tags),"
                + " directly or through the stages it is built on. Quiet once a SHELL instruction names another"
                + " shell, or when an earlier ADD, or a COPY into /, /bin, /sbin, /usr/bin or /usr/sbin, of the stage"
                + " or of those it is built on may have brought a shell in. RUN in exec form runs its program"
                + " directly and is not concerned.",
        problem = "A shell-form RUN runs its command line with /bin/sh -c, and a stage FROM scratch starts empty,"
                + " while the distroless and chiseled images leave the shell out on purpose: there is no /bin/sh to run"
                + " it.",
        impact = "The build stops at that RUN; the image cannot be built until the step moves elsewhere.",
        recommendation = "Do the work in a builder stage that has a shell (create folders, set modes there) and COPY"
                + " --from it the result into the shell-less stage, which keeps modes and lets --chown set owners.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#run",
                "https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch"},
        aliases = {},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.25.3-alpine3.22 AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=0 go build -o /out/relay .

                        FROM scratch
                        COPY --from=build /out/relay /relay
                        RUN mkdir -p /var/relay
                        USER 65534
                        ENTRYPOINT ["/relay"]
                        """,
                good = """
                        FROM golang:1.25.3-alpine3.22 AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=0 go build -o /out/relay . && mkdir -p /out/state

                        FROM scratch
                        COPY --from=build /out/relay /relay
                        COPY --from=build --chown=65534:65534 /out/state /var/relay
                        USER 65534
                        ENTRYPOINT ["/relay"]
                        """))
public final class RunWithoutShell implements Rule {

    private static final List<String> SHELL_FOLDERS = List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin");

    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            DockerfileModel model = image.model();
            for (Stage stage : image.neededStages()) {
                BaseImage base = Stages.rootBase(model, stage);
                if (!seen.add(image.dockerfile() + "#" + stage.index()) || !shellless(base)) {
                    continue;
                }
                check(context, image, stage, Stages.inImage(model, stage), base);
            }
        }
    }

    /** Whether the base is scratch or an image known to ship no /bin/sh. */
    private static boolean shellless(BaseImage base) {
        return base instanceof BaseImage.Scratch
                || BaseImageFacts.tools(base).map(tools -> !tools.shell()).orElse(false);
    }

    private void check(ReviewContext context, BuiltImage image, Stage stage, List<Stage> lineage, BaseImage base) {
        for (Stage s : lineage.subList(0, lineage.size() - 1)) {
            if (s.copies().stream().anyMatch(RunWithoutShell::mayBringShell)) {
                return; // a stage below already brought what a shell needs, or may have
            }
        }
        for (Step step : stage.steps()) {
            Instruction instruction = step.instruction();
            if (step.shell() != null || instruction.kind() == InstructionKind.COPY
                    && copyOf(stage, instruction).map(RunWithoutShell::mayBringShell).orElse(false)
                    || instruction.kind() == InstructionKind.ADD) {
                return;
            }
            if (instruction.kind() == InstructionKind.RUN && instruction.arguments() instanceof ShellForm form) {
                String text = form.text().strip().replaceAll("\\s+", " ");
                String shown = text.length() > 50 ? text.substring(0, 47) + "..." : text;
                String elsewhere = BaseImageFacts.tools(base).map(BaseImageFacts.ImageTools::shellOutsideBin).orElse(null);
                String recommendation = "Do this in a builder stage that has a shell and COPY --from it the result (COPY"
                        + " keeps the modes and --chown sets the owner), or write the RUN in exec form with a"
                        + " program the stage has.";
                context.finding(this, image.dockerfile(), instruction.keyword().span(), "RUN " + shown + " runs as"
                                + " /bin/sh -c, but " + (lineage.size() == 1 ? "this stage" : Stages.describe(stage))
                                + (base instanceof BaseImage.External external ? " starts FROM " + external.written()
                                        + (elsewhere == null ? ", which has no shell,"
                                                : ", which has no /bin/sh (its BusyBox shell is " + elsewhere + "),")
                                        : " starts FROM scratch")
                                + " and nothing has put a shell in it: the build fails here")
                        .recommendation(elsewhere == null ? recommendation : "Name the shell the image has before the"
                                + " RUN: SHELL [\"" + elsewhere + "\", \"-c\"]. " + recommendation)
                        .add();
            }
        }
    }

    private static Optional<CopyCommand> copyOf(Stage stage, Instruction instruction) {
        return stage.copies().stream().filter(c -> c.instruction() == instruction).findFirst();
    }

    /** Whether a COPY or ADD may put a shell in the stage: an ADD (an archive it unpacks), or a copy into a bin folder or /. */
    private static boolean mayBringShell(CopyCommand copy) {
        if (copy.isAdd()) {
            return true;
        }
        String path = copy.containerPath();
        return path.equals("/") || SHELL_FOLDERS.stream().anyMatch(f -> path.equals(f) || path.equals(f + "/")
                || path.startsWith(f + "/"));
    }
}
