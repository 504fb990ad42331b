package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
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
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@RuleDefinition(
        id = "add-instead-of-copy",
        title = "ADD is used where COPY does the same",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every ADD of the stages a build uses: fires when all its sources are local files, directories or"
                + " heredocs and none is named like a tar archive (.tar, .tar.gz, .tgz, .tar.xz ...), which is the"
                + " one thing ADD does with a local file that COPY does not, with build arguments expanded (ADD $DIST"
                + " adds what ARG DIST names). ADD of a URL or a git repository is left to add-url-unverified.",
        problem = "ADD copies like COPY but also unpacks local tar archives and downloads URLs; used for a plain file"
                + " it hides which of these the author meant.",
        impact = "A file later renamed to .tar.gz is silently unpacked instead of copied, and readers have to check"
                + " each source to know what the instruction does.",
        recommendation = "Write COPY for local files and directories; keep ADD for unpacking a local tar archive or"
                + " for a URL fetched with --checksum.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#add-or-copy",
                "https://docs.docker.com/reference/dockerfile/#add"},
        aliases = {"DL3020", "DS-0005", "DS005", "CKV_DOCKER_4", "Add Instead of Copy"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        ADD requirements.txt ./
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt ./
                        """))
public final class AddInsteadOfCopy implements Rule {

    /** The flags ADD and COPY share: with only these, ADD can be renamed COPY. */
    private static final Set<String> COPY_FLAGS = Set.of("chown", "chmod", "link", "exclude");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (Step step : used.stage().steps()) {
                Instruction add = step.instruction();
                if (add.kind() == InstructionKind.ADD) {
                    check(context, add, expandedSources(used.stage(), add));
                }
            }
        }
    }

    private void check(ReviewContext context, Instruction add, List<String> expanded) {
        List<Word> sources = CopySources.sources(add);
        if (sources.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>(sources.stream().map(Word::value).toList());
        values.addAll(expanded);
        for (String v : values) {
            if (CopySources.isUrl(v) || CopySources.isGit(v) || CopySources.isTarArchive(v)) {
                return;
            }
        }
        String names = String.join(" ", sources.stream().map(Word::value).toList());
        String file = add.file().path();
        boolean renamable = add.flags().stream().map(Flag::name).allMatch(COPY_FLAGS::contains);
        String keyword = add.keyword().value();
        String copy = keyword.equals(keyword.toLowerCase(Locale.ROOT)) ? "copy" : "COPY";
        context.finding(this, file, add.keyword().span(), "ADD " + names + " copies "
                        + (sources.size() == 1 ? "a local source that is no tar archive" : "local sources that are no"
                                + " tar archives") + ": COPY does the same and says so")
                .recommendation("Write COPY " + names + " " + CopySources.destination(add).value() + ".")
                .fix(renamable ? Fix.of("write COPY instead of ADD", FixSafety.SAFE,
                        List.of(TextEdit.replace(file, add.keyword().span(), copy))) : null)
                .add();
    }

    /** The sources of the ADD with its variables expanded (ADD $DIST, with ARG DIST=https://...). */
    private static List<String> expandedSources(Stage stage, Instruction add) {
        for (CopyCommand copy : stage.copies()) {
            if (copy.instruction() == add) {
                return copy.sources();
            }
        }
        return List.of();
    }
}
