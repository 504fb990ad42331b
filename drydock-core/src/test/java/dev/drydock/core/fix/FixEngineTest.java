package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with test rules, so that what it does is not mixed up with what the real rules do. */
class FixEngineTest {

    @TempDir
    Path dir;

    @RuleDefinition(id = "lowercase-from", title = "t", severity = Severity.HIGH, category = Category.BUILD,
            checks = "c", problem = "p", impact = "i", recommendation = "r", fix = FixSafety.SAFE)
    static final class LowercaseFrom implements Rule {
        @Override
        public void check(ReviewContext context) {
            SourceFile file = context.project().source("Dockerfile").orElseThrow();
            int at = file.text().indexOf("from ");
            if (at >= 0) {
                context.finding(this, new Location("Dockerfile", file.span(at, at + 4)), "lowercase")
                        .fix(Fix.of("uppercase FROM", FixSafety.SAFE, TextEdit.replace("Dockerfile", at, at + 4, "FROM")))
                        .add();
            }
        }
    }

    /** Wants a USER line; its fix is unsafe. */
    @RuleDefinition(id = "wants-user", title = "t", severity = Severity.CRITICAL, category = Category.SECURITY,
            checks = "c", problem = "p", impact = "i", recommendation = "r", fix = FixSafety.UNSAFE)
    static final class WantsUser implements Rule {
        @Override
        public void check(ReviewContext context) {
            SourceFile file = context.project().source("Dockerfile").orElseThrow();
            if (!file.text().contains("USER ")) {
                context.finding(this, new Location("Dockerfile", file.span(0, 0)), "root")
                        .fix(Fix.of("add USER", FixSafety.UNSAFE, TextEdit.insert("Dockerfile", file.text().length(),
                                "USER app\n")))
                        .add();
            }
        }
    }

    /** Offers a fix that never resolves it: the engine must stop anyway. */
    @RuleDefinition(id = "never-happy", title = "t", severity = Severity.LOW, category = Category.BUILD,
            checks = "c", problem = "p", impact = "i", recommendation = "r", fix = FixSafety.SAFE)
    static final class NeverHappy implements Rule {
        @Override
        public void check(ReviewContext context) {
            SourceFile file = context.project().source("Dockerfile").orElseThrow();
            context.finding(this, new Location("Dockerfile", file.span(0, 0)), "more")
                    .fix(Fix.of("add a comment", FixSafety.SAFE, TextEdit.insert("Dockerfile", 0, "# more\n")))
                    .add();
        }
    }

    /** Offers a new fix after each one it offered: the fixes never settle. */
    @RuleDefinition(id = "always-one-more", title = "t", severity = Severity.LOW, category = Category.BUILD,
            checks = "c", problem = "p", impact = "i", recommendation = "r", fix = FixSafety.SAFE)
    static final class AlwaysOneMore implements Rule {
        @Override
        public void check(ReviewContext context) {
            SourceFile file = context.project().source("Dockerfile").orElseThrow();
            int comments = file.text().split("# more", -1).length - 1;
            context.finding(this, new Location("Dockerfile", file.span(0, 0)), "more")
                    .fix(Fix.of("add comment " + (comments + 1), FixSafety.SAFE, TextEdit.insert("Dockerfile", 0, "# more\n")))
                    .add();
        }
    }

    /** Breaks the Dockerfile: its fix must be dropped, and the others still applied. */
    @RuleDefinition(id = "breaks-parse", title = "t", severity = Severity.CRITICAL, category = Category.BUILD,
            checks = "c", problem = "p", impact = "i", recommendation = "r", fix = FixSafety.SAFE)
    static final class BreaksParse implements Rule {
        @Override
        public void check(ReviewContext context) {
            SourceFile file = context.project().source("Dockerfile").orElseThrow();
            int at = file.text().indexOf("CMD");
            context.finding(this, new Location("Dockerfile", file.span(at, at + 3)), "bad")
                    .fix(Fix.of("break it", FixSafety.SAFE, TextEdit.insert("Dockerfile", at, "RUN <<EOF\n")))
                    .add();
        }
    }

    private FixEngine engine(Rule... rules) {
        return new FixEngine(new Reviewer(List.of(rules)), new ProjectLoader());
    }

    private void dockerfile(String text) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), text);
    }

    @Test
    void appliesSafeFixesAndLeavesUnsafeOnesWithTheirReason() throws IOException {
        dockerfile("from debian:12\r\nCMD [\"true\"]\r\n");
        FixResult result = engine(new LowercaseFrom(), new WantsUser()).fix(dir, FixOptions.safeOnly());
        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.fixed()).isEqualTo("FROM debian:12\r\nCMD [\"true\"]\r\n");
            assertThat(c.created()).isFalse();
        });
        assertThat(result.applied()).extracting(AppliedFix::ruleId).containsExactly("lowercase-from");
        assertThat(result.remaining()).singleElement().satisfies(r -> {
            assertThat(r.finding().ruleId()).isEqualTo("wants-user");
            assertThat(r.reason()).isEqualTo(Remaining.Reason.UNSAFE);
        });
        assertThat(Files.readString(dir.resolve("Dockerfile"))).startsWith("from").as("nothing written");
    }

    @Test
    void withUnsafeFixesEverythingAndWritesTheFilesLineEnding() throws IOException {
        dockerfile("from debian:12\r\nCMD [\"true\"]\r\n");
        FixResult result = engine(new LowercaseFrom(), new WantsUser()).fix(dir, FixOptions.withUnsafe());
        assertThat(result.changes()).singleElement().extracting(FileChange::fixed)
                .isEqualTo("FROM debian:12\r\nCMD [\"true\"]\r\nUSER app\r\n");
        assertThat(result.remaining()).isEmpty();
        assertThat(result.fixedCount()).isEqualTo(2);
        assertThat(result.rounds()).isEqualTo(1);
    }

    @Test
    void ruleSelectionLeavesOtherRulesFindingsNotSelected() throws IOException {
        dockerfile("from debian:12\nCMD [\"true\"]\n");
        FixResult result = engine(new LowercaseFrom(), new WantsUser())
                .fix(dir, FixOptions.withUnsafe().onlyRules(Set.of("wants-user")));
        assertThat(result.changes()).singleElement().extracting(FileChange::fixed)
                .isEqualTo("from debian:12\nCMD [\"true\"]\nUSER app\n");
        assertThat(result.remaining()).singleElement().extracting(Remaining::reason)
                .isEqualTo(Remaining.Reason.NOT_SELECTED);
    }

    @Test
    void appliesOnceAndReportsAFixThatLeavesItsFindingInPlace() throws IOException {
        dockerfile("FROM debian:12\nCMD [\"true\"]\n");
        FixResult result = engine(new NeverHappy()).fix(dir, new FixOptions(false, Set.of(), 3));
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.problems()).singleElement().asString()
                .contains("never-happy: add a comment", "still there after the fix");
        assertThat(result.remaining()).singleElement().extracting(Remaining::reason)
                .isEqualTo(Remaining.Reason.NOT_RESOLVED);
    }

    @Test
    void reportsFixesThatHaveNotSettledAtTheRoundLimit() throws IOException {
        dockerfile("FROM debian:12\nCMD [\"true\"]\n");
        FixResult result = engine(new AlwaysOneMore()).fix(dir, new FixOptions(false, Set.of(), 3));
        assertThat(result.rounds()).isEqualTo(3);
        assertThat(result.changes()).singleElement().extracting(FileChange::fixed).asString().startsWith("# more\n# more\n# more\nFROM");
        assertThat(result.problems()).singleElement().asString()
                .contains("stopped after 3 rounds", "always-one-more: add comment 4", "did not settle");
    }

    @Test
    void dropsAFixWhoseResultDoesNotParseAndKeepsTheOthers() throws IOException {
        dockerfile("from debian:12\nCMD [\"true\"]\n");
        FixResult result = engine(new BreaksParse(), new LowercaseFrom()).fix(dir, FixOptions.safeOnly());
        assertThat(result.changes()).singleElement().extracting(FileChange::fixed)
                .isEqualTo("FROM debian:12\nCMD [\"true\"]\n");
        assertThat(result.problems()).singleElement().asString().contains("break it", "would not parse");
    }

    @Test
    void aFileGivenAloneIsReReviewedAlone() throws IOException {
        dockerfile("from debian:12\nCMD [\"true\"]\n");
        Files.writeString(dir.resolve("other.Dockerfile"), "from debian:12\n");
        FixResult result = engine(new LowercaseFrom()).fix(dir.resolve("Dockerfile"), FixOptions.safeOnly());
        assertThat(result.changes()).extracting(FileChange::path).containsExactly("Dockerfile");
        assertThat(result.after().project().dockerfiles()).containsOnlyKeys("Dockerfile");
    }

    @Test
    void refusesToEditAFileThatIsNotValidUtf8() throws IOException {
        Files.write(dir.resolve("Dockerfile"), "from debian:12\n# caf\u00e9\nCMD [\"true\"]\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        FixResult result = engine(new LowercaseFrom()).fix(dir, FixOptions.safeOnly());
        assertThat(result.changes()).isEmpty();
        assertThat(result.problems()).singleElement().asString().contains("not valid UTF-8");
    }

    @Test
    void refusesToEditThroughASymlink() throws IOException {
        Files.writeString(dir.resolve("real.Dockerfile"), "FROM debian:12\n");
        Files.createSymbolicLink(dir.resolve("Dockerfile"), dir.resolve("real.Dockerfile"));
        FixResult result = engine(new LowercaseFrom(), new WantsUser()).fix(dir, FixOptions.withUnsafe());
        assertThat(result.changes()).isEmpty();
        assertThat(result.problems()).singleElement().asString().contains("symlink");
    }

    @Test
    void refusesToEditAFileItCouldNotReadWhole() throws IOException {
        dockerfile("from debian:12\nservices:\n  web:\n    image: nginx\nCMD [\"true\"]\n");
        FixResult result = engine(new LowercaseFrom()).fix(dir, FixOptions.safeOnly());
        assertThat(result.changes()).isEmpty();
        assertThat(result.problems()).singleElement().asString()
                .contains("Dockerfile: line 2: ", "nothing is edited in it");
    }
}
