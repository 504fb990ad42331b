package dev.drydock.core.rules.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.compose.ComposeHygieneRules;
import dev.drydock.core.rules.compose.ComposeSecurityRules;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * KICS's compose fixtures that its queries must not flag (healthchecks set, limits set, no secrets,
 * restart policies ...) get no critical or high finding from the context and compose rules either. Medium and
 * lower findings are allowed: these rules are broader than KICS's (a KICS negative for "privileged"
 * has no memory limit, which resource-limits reports at medium).
 *
 * <p>A KICS negative is negative for its own query only: some hold, beside the setting their query looks
 * at, a real hole that another query (and a drydock security rule) reports. Those findings are listed in
 * {@link #SEVERE_ON_PURPOSE}, with what the file does.
 */
class KicsComposeNegativesTest {

    /** "FOLDER/FILE RULE-ID" of the severe findings that a negative file deserves, with the reason. */
    private static final Map<String, String> SEVERE_ON_PURPOSE = Map.of(
            "shared_host_network_namespace/negative1.yaml privileged-container",
            "the mongo service is privileged: true; the file is negative only for network_mode",
            "security_opt_not_set/negative1.yaml security-profile-disabled",
            "security_opt is apparmor:unconfined, which turns AppArmor off",
            "shared_host_user_namespace/negative1.yaml security-profile-disabled",
            "security_opt is apparmor:unconfined, which turns AppArmor off",
            "shared_host_user_namespace/negative2.yaml security-profile-disabled",
            "security_opt is apparmor:unconfined, which turns AppArmor off",
            "volume_has_sensitive_host_directory/negative1.yaml port-published-on-all-interfaces",
            "ZooKeeper (image zookeeper) is published as 2181:2181 on every interface",
            "volume_has_sensitive_host_directory/negative1.yaml undefined-compose-reference",
            "the proxy depends_on sixteen storage-node services the file does not define: Compose refuses it");

    @TestFactory
    Stream<DynamicTest> negativeFixturesGetNoSevereFinding() throws IOException {
        List<Path> negatives;
        try (Stream<Path> walk = Files.walk(SharedData.resolve("conformance/kics/compose"), 2)) {
            negatives = walk.filter(p -> p.getFileName().toString().startsWith("negative")
                    && p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(negatives).hasSizeGreaterThan(20);
        List<Rule> rules = new ArrayList<>(ContextRules.all());
        rules.addAll(ComposeSecurityRules.all());
        rules.addAll(ComposeHygieneRules.all());
        Reviewer reviewer = new Reviewer(rules);
        return negatives.stream().map(file -> DynamicTest.dynamicTest(
                file.getParent().getFileName() + "/" + file.getFileName(), () -> {
                    Project project = new ProjectLoader().load(file.getParent(),
                            List.of(ExplicitFile.as(file, FileType.COMPOSE_VARIANT)));
                    Review review = reviewer.review(project);
                    String name = file.getParent().getFileName() + "/" + file.getFileName();
                    List<Finding> severe = review.findings().stream()
                            .filter(f -> f.severity().atLeast(Severity.HIGH))
                            .filter(f -> !SEVERE_ON_PURPOSE.containsKey(name + " " + f.ruleId())).toList();
                    assertThat(severe).as(file.toString()).extracting(f -> f.ruleId() + " " + f.location() + ": "
                            + f.message()).isEmpty();
                }));
    }
}
