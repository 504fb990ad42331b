package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "copy-destination-not-directory",
        title = "COPY of several sources to a destination without a trailing /",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "Every COPY and ADD of the stages a build uses with more than one source (heredocs count): fires"
                + " when the destination, after variable expansion, does not end with /. Low instead of medium when"
                + " the instruction has a flag only BuildKit knows (--link, --parents, --exclude): the classic"
                + " builder cannot build it anyway, and BuildKit copies into the directory.",
        problem = "Several sources can only go into a directory, and the Dockerfile reference asks for the"
                + " destination to end with / in that case. BuildKit creates the directory anyway; the classic"
                + " docker builder stops with \"When using COPY with more than one source file, the destination must"
                + " be a directory and end with a /\".",
        impact = "The Dockerfile builds with one builder and fails with another, and a reader cannot tell whether"
                + " the destination is meant as a file or a directory.",
        recommendation = "End the destination with /: COPY package.json package-lock.json ./",
        references = {
                "https://docs.docker.com/reference/dockerfile/#destination",
                "https://docs.docker.com/reference/dockerfile/#copy"},
        aliases = {"DL3021", "DS-0011", "DS011", "Copy With More Than Two Arguments Not Ending With Slash"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM node:20.18.0-bookworm-slim
                        WORKDIR /app
                        COPY package.json package-lock.json .
                        """,
                good = """
                        FROM node:20.18.0-bookworm-slim
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        """))
public final class CopyDestinationNotDirectory implements Rule {

    /** COPY and ADD flags that only BuildKit knows: the classic builder stops at them before the destination. */
    private static final Set<String> BUILDKIT_ONLY_FLAGS = Set.of("link", "parents", "exclude", "keep-git-dir");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (CopyCommand copy : used.stage().copies()) {
                if (copy.sources().size() > 1 && !copy.destination().endsWith("/")) {
                    report(context, copy);
                }
            }
        }
    }

    private void report(ReviewContext context, CopyCommand copy) {
        Instruction instruction = copy.instruction();
        Word destination = CopySources.destination(instruction);
        if (destination == null) {
            return;
        }
        String file = instruction.file().path();
        String keyword = instruction.kind().name();
        int end = destination.span().end();
        boolean quoted = instruction.isJsonForm() || destination.value().endsWith("\"") || destination.value().endsWith("'");
        int insertAt = quoted ? end - 1 : end;
        String buildKitFlag = instruction.flags().stream().map(f -> f.name())
                .filter(BUILDKIT_ONLY_FLAGS::contains).findFirst().orElse(null);
        String why = buildKitFlag == null
                ? ", which does not end with /: the classic builder refuses it, BuildKit makes a directory of it"
                : ", which does not end with /: the Dockerfile reference asks for the / (the " + keyword + " --"
                        + buildKitFlag + " already needs BuildKit, which copies into the directory, so only a reader"
                        + " is left to guess whether " + destination.value() + " is a file or a directory)";
        context.finding(this, file, destination.span(), keyword + " of " + copy.sources().size() + " sources ("
                        + String.join(", ", copy.sources()) + ") into " + destination.value() + why)
                .severity(buildKitFlag == null ? Severity.MEDIUM : Severity.LOW)
                .recommendation("Write the destination as " + CopySources.unquote(destination.value()) + "/ so every"
                        + " builder copies the sources into that directory.")
                .fix(Fix.of("end the destination with /", FixSafety.SAFE,
                        List.of(TextEdit.insert(file, insertAt, "/"))))
                .add();
    }
}
