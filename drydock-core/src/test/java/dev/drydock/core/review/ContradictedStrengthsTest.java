package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.rules.app.HealthcheckMissing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Each case is a project where a finding of {@code findingRule} shows that what {@code strengthRule} praises in
     * {@code file} is not good (a probe that cannot pass, a non-root user a compose service overrides with root or
     * that does not exist, a minimal base image that gets compilers, a memory limit below what the service needs):
     * the strength rule alone praises it, the whole review does not.
     */
    @ParameterizedTest(name = "{0}: {1} withdraws {2}")
    @CsvSource({
            "probe-on-wrong-port, healthcheck-endpoint-missing, healthcheck-missing, Dockerfile",
            "compose-probe-on-wrong-port, healthcheck-endpoint-missing, compose-healthcheck, compose.yaml",
            "curl-without-fail, healthcheck-ignores-http-errors, healthcheck-missing, Dockerfile",
            "busybox-wget-asks-ipv6, healthcheck-localhost-ipv6, healthcheck-missing, Dockerfile",
            "probe-port-never-expanded, variable-in-exec-form, healthcheck-missing, Dockerfile",
            "compose-user-root-for-worker, runs-as-root, runs-as-root, Dockerfile",
            "user-never-created, unknown-user, runs-as-root, Dockerfile"})
    void findingWithdrawsTheStrengthItContradicts(String name, String findingRule, String strengthRule, String file)
            throws IOException {
        Review review = review(name);
        assertThat(review.findings()).as("the finding that shows the practice broken")
                .anyMatch(f -> f.ruleId().equals(findingRule));
        assertThat(strengthsAt(review, strengthRule, file)).as("strengths of " + strengthRule + " in the whole review")
                .isEmpty();

        if (!findingRule.equals(strengthRule)) {
            Review alone = new Reviewer(List.of(Rules.find(strengthRule).orElseThrow()))
                    .review(new ProjectLoader().load(CASES.resolve(name)));
            assertThat(strengthsAt(alone, strengthRule, file)).as("what " + strengthRule + " praises when nothing"
                    + " reports it broken").isNotEmpty();
        }
    }

    @Test
    void imageUserKeptByEveryServiceStaysAStrength() throws IOException {
        Review review = review("compose-user-kept-for-worker");
        assertThat(review.findings()).noneMatch(f -> f.ruleId().equals("runs-as-root"));
        assertThat(strengthsAt(review, "runs-as-root", "Dockerfile")).hasSize(1);
    }

    @Test
    void toolChainImageKeepsItsMinimalBase() throws IOException {
        Review review = review("slim-toolchain-image-kept");
        assertThat(review.findings()).anyMatch(f -> f.ruleId().equals("build-tools-in-final-image")
                && f.message().contains("reads as a base image"));
        assertThat(strengthsAt(review, "slim-base-image", "Dockerfile")).hasSize(1);
    }

    @Test
    void suppressedFindingWithdrawsNothing() throws IOException {
        Review review = review("kept-when-probe-finding-ignored");
        assertThat(review.findings()).noneMatch(f -> f.ruleId().equals("healthcheck-endpoint-missing"));
        assertThat(review.suppressed()).anyMatch(f -> f.ruleId().equals("healthcheck-endpoint-missing"));
        assertThat(strengthsAt(review, "healthcheck-missing", "Dockerfile")).hasSize(1);
    }

    /**
     * Where the practice stays right but a finding undoes part of it (compilers installed on a minimal base, a memory
     * limit below what the service needs, a compose probe whose program the image lacks), the strength is shown with
     * what qualifies it.
     */
    @ParameterizedTest(name = "{0}: {1} qualifies {2}")
    @CsvSource({
            "slim-image-with-compilers, build-tools-in-final-image, slim-base-image, Dockerfile,"
                    + " but the Dockerfile installs gcc and libpq-dev into it (line 4: build-tools-in-final-image)",
            "slim-image-with-headers-on-a-later-line, build-tools-in-final-image, slim-base-image, Dockerfile,"
                    + " but the Dockerfile installs libpq-dev into it (line 10: build-tools-in-final-image)",
            "memory-limit-below-store-settings, memory-limit-too-low, resource-limits, compose.yaml,"
                    + " but the limit is below what it needs (memory-limit-too-low)",
            "compose-probe-without-its-tool, healthcheck-tool-missing, compose-healthcheck, compose.yaml,"
                    + " once the probe can run (the image has no curl: healthcheck-tool-missing)"})
    void findingQualifiesTheStrengthItUndoesInPart(String name, String findingRule, String strengthRule, String file,
            String qualification) throws IOException {
        Review review = review(name);
        assertThat(review.findings()).anyMatch(f -> f.ruleId().equals(findingRule));
        assertThat(strengthsAt(review, strengthRule, file)).singleElement().asString().endsWith(qualification.strip());
    }
}
