package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.rules.app.HealthcheckMissing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A review never lists as a good practice what one of its findings reports as broken: the strength of a rule at a
 * place another rule's finding names as failing is left out.
 */
class ContradictedStrengthsTest {

    private static final Path CASES = Path.of("src/test/resources/strengths");

    private static Review review(String name) throws IOException {
        return Reviewer.standard().review(new ProjectLoader().load(CASES.resolve(name)));
    }

    private static List<String> strengthsAt(Review review, String rule, String file) {
        return review.strengths().stream().filter(s -> s.ruleId().equals(rule) && file.equals(s.location().file()))
                .map(Strength::message).toList();
    }

    @Test
    void healthcheckAKamalRoleCannotPassIsNoStrength() throws IOException {
        Review review = review("contradicted-by-kamal-worker-role");
        assertThat(review.findings()).anyMatch(f -> f.ruleId().equals("kamal-role-healthcheck-fails")
                && f.message().contains("(Dockerfile line 13)"));
        assertThat(strengthsAt(review, "healthcheck-missing", "Dockerfile")).isEmpty();

        Review alone = new Reviewer(List.of(new HealthcheckMissing()))
                .review(new ProjectLoader().load(CASES.resolve("contradicted-by-kamal-worker-role")));
        assertThat(strengthsAt(alone, "healthcheck-missing", "Dockerfile"))
                .as("the HEALTHCHECK is one healthcheck-missing praises when nothing reports it failing").hasSize(1);
    }

    @Test
    void healthcheckEveryRoleCanPassStaysAStrength() throws IOException {
        Review review = review("kept-when-worker-role-skips-it");
        assertThat(review.findings()).noneMatch(f -> f.ruleId().equals("kamal-role-healthcheck-fails"));
        assertThat(strengthsAt(review, "healthcheck-missing", "Dockerfile")).hasSize(1);
    }
}
