package dev.drydock.core.rules.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.compose.ComposeHygieneRules;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * KICS's compose fixtures that its queries must not flag (healthchecks set, limits set, no secrets,
 * restart policies ...) get no critical or high finding from the context and compose hygiene rules either. Medium and
 * lower findings are allowed: these rules are broader than KICS's (a KICS negative for "privileged"
 * has no memory limit, which resource-limits reports at medium).
 */
class KicsComposeNegativesTest {

    /**
     * Negative fixtures that Compose itself refuses, and the rule that says why: the file's proxy
     * depends_on sixteen storage-node services it does not define ("depends on undefined service").
     */
    private static final java.util.Map<String, String> BROKEN = java.util.Map.of(
            "volume_has_sensitive_host_directory/negative1.yaml", "undefined-compose-reference");

    @TestFactory
    Stream<DynamicTest> negativeFixturesGetNoSevereFinding() throws IOException {
        List<Path> negatives;
        try (Stream<Path> walk = Files.walk(SharedData.resolve("conformance/kics/compose"), 2)) {
            negatives = walk.filter(p -> p.getFileName().toString().startsWith("negative")
                    && p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(negatives).hasSizeGreaterThan(20);
        List<dev.drydock.core.review.Rule> rules = new java.util.ArrayList<>(ContextRules.all());
        rules.addAll(ComposeHygieneRules.all());
        Reviewer reviewer = new Reviewer(rules);
        return negatives.stream().map(file -> DynamicTest.dynamicTest(
                file.getParent().getFileName() + "/" + file.getFileName(), () -> {
                    Project project = new ProjectLoader().load(file.getParent(),
                            List.of(ExplicitFile.as(file, FileType.COMPOSE_VARIANT)));
                    Review review = reviewer.review(project);
                    String fixture = file.getParent().getFileName() + "/" + file.getFileName();
                    List<Finding> severe = review.findings().stream()
                            .filter(f -> f.severity().atLeast(Severity.HIGH))
                            .filter(f -> !f.ruleId().equals(BROKEN.get(fixture))).toList();
                    assertThat(severe).as(file.toString()).extracting(f -> f.ruleId() + " " + f.location() + ": "
                            + f.message()).isEmpty();
                }));
    }
}
