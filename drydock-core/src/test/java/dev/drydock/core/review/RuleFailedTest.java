package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFailedTest {

    @TempDir
    Path dir;

    /** A rule with a defect: it throws on every project. */
    @RuleDefinition(id = "always-throws", title = "Throws", severity = Severity.LOW, category = Category.BUILD,
            checks = "nothing", problem = "none", impact = "none", recommendation = "none", effort = "1 min")
    static final class AlwaysThrows implements Rule {
        @Override
        public void check(ReviewContext context) {
            throw new IllegalStateException("a defect");
        }
    }

    private Project project() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20.3\nCMD [\"sh\"]\n");
        return new ProjectLoader().load(dir);
    }

    @Test
    void aRuleThatThrowsIsReportedAndTheOtherRulesStillRun() throws Exception {
        Rule casing = Rules.all().stream().filter(r -> r.id().equals("runs-as-root")).findFirst().orElseThrow();
        Review review = new Reviewer(List.of(new AlwaysThrows(), casing)).reportingRuleFailures().review(project());
        assertThat(review.findings()).extracting(Finding::ruleId).contains("rule-failed", "runs-as-root");
        Finding failed = review.findings().stream().filter(f -> f.ruleId().equals("rule-failed")).findFirst().orElseThrow();
        assertThat(failed.severity()).isEqualTo(Severity.INFO);
        assertThat(failed.message()).startsWith("the rule always-throws stopped with IllegalStateException at ")
                .contains("(a defect)").contains("every other check ran");
    }

    @Test
    void failingFastLetsTheExceptionThrough() throws Exception {
        Reviewer reviewer = new Reviewer(List.of(new AlwaysThrows()));
        if (Boolean.getBoolean(RuleFailed.FAIL_FAST_PROPERTY)) {
            assertThatThrownBy(() -> reviewer.review(project())).hasMessage("a defect");
        }
    }
}
