package dev.drydock.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule on every rule's fixtures: a fixture written for one rule is an odd project for the others (a worker
 * started from an entry-point script without a CMD, a Kubernetes manifest beside a compose file), and none of them
 * may stop with an internal error there.
 */
class NoRuleFailsOnFixturesTest {

    @Test
    void noRuleStopsWithAnInternalError() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path ruleDir : RuleFixtureTest.folders(RuleFixtureTest.FIXTURES)) {
            for (Path caseDir : RuleFixtureTest.folders(ruleDir)) {
                DrydockConfig config = RuleFixtureTest.caseConfig(caseDir);
                Review review = new Reviewer(Rules.all(), config.settings()).review(config.loader().load(caseDir));
                review.findings().stream().filter(f -> f.ruleId().equals("rule-failed"))
                        .map(f -> caseDir + ": " + f.message()).forEach(failures::add);
            }
        }
        assertThat(failures).as("rules that stopped with an internal error on the fixtures").isEmpty();
    }
}
