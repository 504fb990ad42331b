package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.Span;
import dev.drydock.core.entrypoint.Glob;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.ImagePaths.Supply;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildOutputs;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.ImageFiles;
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
                + " lets it through), and the first stage starts from scratch or an official language or system image."
                + " Also fires for a program the stage builds under another name or in another folder: the stage (or"
                + " one it is built on) runs `go build` (the -o file, relative to the RUN's folder; without -o the"
                + " last element of the go.mod module path, of ./cmd/x, or the first .go file named), `cargo build`"
                + " (target/[--target triple/]release or debug/ with the binaries of Cargo.toml's [package] name and"
                + " [[bin]] names) or `cargo install --path P --root R` (R/bin/), the copied file lies in the folder"
                + " that build writes its programs to, outside the base image's system folders, and no instruction"
                + " may put it there: every other RUN is known to write elsewhere (module downloads and package"
                + " installs count), no COPY brings it. Quiet for `go build -o folder/`, a Cargo workspace, a src/bin/"
                + " folder or .cargo/ configuration, variables that move the output (CARGO_TARGET_DIR, GOFLAGS, GOOS"
                + " of Windows) and a go.mod or Cargo.toml drydock cannot trace to the build context.",
        problem = "COPY --from reads the file system the named stage ends with, not the one of the stage that ran the"
                + " build: the output folder exists only where its build tool ran, and the stage named here never ran"
                + " it. A compiled program has the name its build gives it: `go build -o main` writes main in the"
                + " RUN's folder, a plain `go build` names the program after the module, Cargo after the package, so"
                + " a COPY that expects another name finds nothing.",
        impact = "The build stops with \"not found\" for the copied path, on every machine, so the image cannot be"
                + " built at all.",
        recommendation = "Copy from the stage that runs the build (COPY --from=<that stage> with the same path), or"
                + " run the build in the stage named; for a program, copy the path its build writes (the -o of go"
                + " build, target/release/<package name> of cargo build --release).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#copy---from",
                "https://docs.docker.com/build/building/multi-stage/",
                "https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies",
                "https://doc.rust-lang.org/cargo/reference/build-cache.html"},
        aliases = {},
        fix = FixSafety.UNSAFE,
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
            BuildOutputs outputs = new BuildOutputs(context, used.image().container(), model);
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
                    if (folder.isPresent()
                            && StageOutputs.suppliers(context.project(), build, model, from, path).isEmpty()) {
                        report(context, build, model, stage, copy, i, from, path, folder.get());
                    } else {
                        checkProgram(context, outputs, build, model, copy, i, from, path);
                    }
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

    /**
     * Reports a copy of a program a build of the stage never writes: the stage builds programs into the folder
     * copied from (go build, cargo build, cargo install), drydock knows every write of the stage there, and none
     * is the path.
     */
    private void checkProgram(ReviewContext context, BuildOutputs outputs, BuildLink build, DockerfileModel model,
            CopyCommand copy, int index, Stage from, String path) {
        String folder = PathNames.parent(path);
        if (!ImageFiles.outsideBaseOrSourceFolder(model, from, path)) {
            return;
        }
        List<BuildOutputs.Writes> builds = outputs.ofStage(from).stream().filter(w -> w.writesProgramsIn(folder))
                .toList();
        if (builds.isEmpty()
                || !StageOutputs.suppliers(context.project(), build, model, from, path, outputs).isEmpty()) {
            return;
        }
        BuildOutputs.Writes last = builds.get(builds.size() - 1);
        List<String> written = builds.stream().flatMap(w -> w.programs().stream())
                .filter(p -> PathNames.parent(p).equals(folder)).distinct().toList();
        if (written.isEmpty()) {
            // a folder of Cargo's own beside the programs (target/release with --target): they are elsewhere
            written = last.programs();
            List<String> sameName = written.stream()
                    .filter(p -> PathNames.fileName(p).equals(PathNames.fileName(path))).toList();
            written = sameName.isEmpty() ? written : sameName;
        }
        if (written.isEmpty()) {
            return;
        }
        String commands = builds.stream().map(w -> "`" + w.text() + "` (line " + w.run().instruction().startLine()
                + (w.naming().isEmpty() ? "" : ", naming it after " + w.naming()) + ")").distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        String message = copy.instruction().kind() + " --from=" + copy.from() + " " + path + ": " + commands
                + (builds.size() == 1 ? " writes " : " write ") + String.join(", ", written) + ", and nothing else in "
                + Stages.describe(from) + " puts " + path + " there. The build stops with \"" + path
                + "\": not found";
        List<Word> words = CopySources.sources(copy.instruction());
        Word word = index < words.size() ? words.get(index) : null;
        var span = word != null ? word.span() : copy.instruction().keyword().span();
        String recommendation;
        Fix fix = null;
        if (written.size() == 1 && word != null
                && copy.instruction().file().text(word.span()).equals(word.value())) {
            String file = copy.instruction().file().text();
            Span whole = copy.instruction().span();
            String corrected = (file.substring(whole.start(), span.start()) + written.get(0)
                    + file.substring(span.end(), whole.end())).replaceAll("\\\\\n", " ").replaceAll("\\s+", " ")
                    .strip();
            recommendation = "Copy the file the build writes: " + corrected + ".";
            fix = Fix.of("copy " + written.get(0), FixSafety.UNSAFE,
                    TextEdit.replace(copy.instruction().file().path(), span, written.get(0)));
        } else {
            recommendation = "Copy one of the files the build writes (" + String.join(", ", written) + ") instead of "
                    + path + ", or have the build write " + path + ".";
        }
        context.finding(this, copy.instruction().file().path(), span, message).recommendation(recommendation)
                .fix(fix).add();
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
