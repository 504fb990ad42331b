package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.StagesInUse;
import dev.drydock.core.rules.support.NamedContexts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@RuleDefinition(
        id = "copy-from-unknown-stage",
        title = "COPY --from names no earlier stage",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "Every COPY and ADD --from of the stages a build uses: fires when the value names a stage defined"
                + " later in the Dockerfile, is a stage number not below the current one, or is a bare name (no tag,"
                + " digest, registry or path) that no stage has. Values with a tag, digest or registry are images and"
                + " pass; values with variables are not checked, nor names that compose supplies as named build"
                + " contexts (build.additional_contexts) to every service that builds the image.",
        problem = "A --from value that is not a stage is read as an image name: a typo in a stage name makes the"
                + " build pull an image of that name from Docker Hub (or fail to find one) instead of copying from the"
                + " stage. A stage must be defined before the instruction that copies from it.",
        impact = "The build fails with a pull error that does not point at the typo, or copies files from an"
                + " unrelated public image.",
        recommendation = "Write the name of an earlier stage (FROM ... AS name), or a full image reference with a tag"
                + " (--from=nginx:1.27.2).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#copy---from",
                "https://docs.docker.com/build/building/multi-stage/"},
        aliases = {"DL3022"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2 AS build
                        RUN go env GOVERSION > /version

                        FROM alpine:3.20.3
                        COPY --from=builder /version /version
                        """,
                good = """
                        FROM golang:1.23.2 AS build
                        RUN go env GOVERSION > /version

                        FROM alpine:3.20.3
                        COPY --from=build /version /version
                        """))
public final class CopyFromUnknownStage implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            List<Stage> stages = used.image().model().stages();
            Stage stage = used.stage();
            for (CopyCommand copy : stage.copies()) {
                String from = copy.from();
                if (from == null || copy.fromStage() >= 0 || from.contains("$") || from.isEmpty()
                        || NamedContexts.supplies(used.image(), from)) {
                    continue; // a named context (compose build.additional_contexts) is no stage and no image
                }
                String lower = from.toLowerCase(Locale.ROOT);
                Optional<String> problem = problem(stages, stage, lower);
                if (problem.isEmpty()) {
                    continue;
                }
                Flag flag = copy.instruction().flag("from").orElseThrow();
                context.finding(this, copy.instruction().file().path(), flag.valueSpan() != null ? flag.valueSpan()
                                : flag.span(), copy.instruction().kind() + " --from=" + from + ": " + problem.get())
                        .recommendation(recommendation(stages, stage, lower))
                        .add();
            }
        }
    }

    private static Optional<String> problem(List<Stage> stages, Stage stage, String from) {
        if (from.equals(stage.name()) || from.equals(Integer.toString(stage.index()))) {
            return Optional.empty(); // copy-from-current-stage
        }
        for (Stage later : stages) {
            if (later.index() > stage.index() && from.equals(later.name())) {
                return Optional.of("stage \"" + from + "\" is defined later (line " + later.from().startLine()
                        + "); a stage can only copy from stages before it");
            }
        }
        if (from.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("there is no stage " + from + " before this one (stages are numbered from 0)");
        }
        if (from.matches("[a-z0-9][a-z0-9._-]*") && !from.contains(":")) {
            return Optional.of("no stage is named " + from + ", so it is read as the image docker.io/library/" + from
                    + ":latest");
        }
        return Optional.empty();
    }

    private static String recommendation(List<Stage> stages, Stage stage, String from) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (Stage s : stages) {
            if (s.index() < stage.index() && s.name() != null) {
                int d = distance(s.name(), from);
                if (d < best) {
                    best = d;
                    closest = s.name();
                }
            }
        }
        if (closest != null && (best <= 3 || closest.startsWith(from) || from.startsWith(closest))) {
            return "Write --from=" + closest + " if the stage is meant; for an image, write it with its tag.";
        }
        return "Name the stage that builds the files (FROM ... AS " + from + ") before this instruction, or write the"
                + " image with its tag (--from=" + from + ":<version>).";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
