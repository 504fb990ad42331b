package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.entrypoint.Glob;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.ImagePaths.Supply;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.StageOutputs;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "copy-from-stage-missing-output",
        title = "COPY --from takes a build output the stage never made",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every COPY and ADD --from=<earlier stage> of the stages a build uses whose source, written without"
                + " variables or wildcards, is a build tool's output folder (.next, .nuxt, .output, .svelte-kit, dist,"
                + " build, target, out, node_modules, vendor, venv, .venv) below that stage's WORKDIR, or /opt/venv:"
                + " fires when nothing can have put it there. Neither that stage nor the stages it is built on (FROM"
                + " <stage>) runs a RUN that may write it (only system package managers, corepack, global npm, pnpm"
                + " and yarn installs, user and group commands and turbo prune outside its out/ folder count as"
                + " writing nothing there), no WORKDIR creates it, no COPY or ADD brings it from a stage that may hold"
                + " it, from an image or from the build context (where it exists in the project and the ignore file"
                + " lets it through), and the first stage starts from scratch or an official language or system image.",
        problem = "COPY --from reads the file system the named stage ends with, not the one of the stage that ran the"
                + " build: the output folder exists only where its build tool ran, and the stage named here never ran"
                + " it.",
        impact = "The build stops with \"not found\" for the copied path, on every machine, so the image cannot be"
                + " built at all.",
        recommendation = "Copy from the stage that runs the build (COPY --from=<that stage> with the same path), or"
                + " run the build in the stage named.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#copy---from",
                "https://docs.docker.com/build/building/multi-stage/"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-alpine AS base
                        RUN apk add --no-cache git
                        WORKDIR /app

                        FROM base AS build
                        COPY . .
                        RUN npm ci && npm run build

                        FROM nginx:1.27.2-alpine
                        COPY --from=base /app/dist /usr/share/nginx/html
                        """,
                good = """
                        FROM node:22.11.0-alpine AS base
                        RUN apk add --no-cache git
                        WORKDIR /app

                        FROM base AS build
                        COPY . .
                        RUN npm ci && npm run build

                        FROM nginx:1.27.2-alpine
                        COPY --from=build /app/dist /usr/share/nginx/html
                        """))
public final class CopyFromStageMissingOutput implements Rule {

    private static final Pattern BUILD_COMMAND = Pattern.compile("\\b(build|package|publish|install|ci|compile"
            + "|export|generate|assemble|bootJar)\\b");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            BuildLink build = used.image().container().build();
            DockerfileModel model = used.image().model();
            Stage stage = used.stage();
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() < 0 || copy.fromStage() >= stage.index()) {
                    continue; // an image, the context, or a stage that copy-from-unknown-stage reports
                }
                Stage from = model.stages().get(copy.fromStage());
                String workdir = from.config().workdir() == null ? null : from.config().workdir().value();
                for (int i = 0; i < copy.sources().size(); i++) {
                    String source = copy.sources().get(i);
                    if (copy.unresolved(i) || source.contains("$") || Glob.hasWildcards(source)) {
                        continue;
                    }
                    String path = PathNames.normalizeAbsolute("/", source);
                    Optional<String> folder = StageOutputs.outputFolder(path, workdir);
                    if (folder.isEmpty()
                            || !StageOutputs.suppliers(context.project(), build, model, from, path).isEmpty()) {
                        continue;
                    }
                    report(context, build, model, stage, copy, i, from, path, folder.get());
                }
            }
        }
    }

    private void report(ReviewContext context, BuildLink build, DockerfileModel model, Stage stage, CopyCommand copy,
            int index, Stage from, String path, String folder) {
        List<Stage> lineage = Stages.lineage(model, from);
        String bases = lineage.size() == 1 ? "" : " nor " + String.join(", ", lineage.subList(1, lineage.size())
                .stream().map(Stages::describe).toList()) + " it is built on";
        Optional<Supply> builder = builder(context, build, model, stage, from, path);
        String message = copy.instruction().kind() + " --from=" + copy.from() + " " + path + ": "
                + Stages.describe(from) + " never has " + folder + ". Neither it" + bases + " runs a build that writes"
                + " there or copies it in" + builder.map(b -> "; `" + text(b) + "` builds it in "
                        + Stages.describe(b.stage()) + " (line " + b.instruction().startLine() + ")").orElse("")
                + ". The build stops with \"" + path + "\": not found";
        String written = copy.instruction().logicalText().text().strip().replaceAll("\\s+", " ");
        String recommendation = builder.map(b -> "Copy from the stage that builds it: "
                        + written.replaceFirst("--from=\\S+", "--from=" + reference(b.stage())) + ".")
                .orElse("Copy " + path + " from the stage that builds it, or build it in " + Stages.describe(from)
                        + " before a later stage copies it.");
        List<Word> words = CopySources.sources(copy.instruction());
        var span = index < words.size() ? words.get(index).span() : copy.instruction().keyword().span();
        context.finding(this, copy.instruction().file().path(), span, message).recommendation(recommendation).add();
    }

    /** The RUN of another stage before the copying one that may write the path, a build command first. */
    private static Optional<Supply> builder(ReviewContext context, BuildLink build, DockerfileModel model,
            Stage copying, Stage from, String path) {
        Supply found = null;
        for (Stage s : model.stages()) {
            if (s.index() >= copying.index() || s.index() == from.index()) {
                continue;
            }
            for (Supply supply : StageOutputs.suppliers(context.project(), build, model, s, path)) {
                if (supply.instruction().kind() != InstructionKind.RUN || supply.stage() != s) {
                    continue;
                }
                if (BUILD_COMMAND.matcher(text(supply)).find()) {
                    found = supply; // the last build-like RUN of the latest stage wins
                } else if (found == null) {
                    found = supply;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static String text(Supply supply) {
        String written = supply.instruction().logicalText().text().strip().replaceAll("\\s+", " ");
        return written.replaceFirst("^(?i)RUN\\s+", "");
    }

    private static String reference(Stage stage) {
        return stage.writtenName() != null ? stage.writtenName() : Integer.toString(stage.index());
    }
}
