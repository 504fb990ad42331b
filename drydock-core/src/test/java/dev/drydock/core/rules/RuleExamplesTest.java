package dev.drydock.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import dev.drydock.core.shellcheck.ShellCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples in every rule's metadata: each version is written as a project of its own (the
 * example's file and the files beside it, a {@code .drydock.yaml} among them for a rule that needs
 * configuration) and reviewed with that rule alone. The bad version must
 * give a finding of the rule, the good one none.
 */
class RuleExamplesTest {

    @TempDir
    Path dir;

    @Test
    void everyRuleHasAnExample() {
        // rule-failed reports drydock's own defects: no project shows it
        List<String> without = Rules.all().stream().map(Rule::metadata).filter(m -> m.examples().isEmpty())
                .map(RuleMetadata::id).filter(id -> !id.equals("rule-failed")).toList();
        assertThat(without).as("rules without @RuleExample").isEmpty();
    }

    @org.junit.jupiter.api.TestFactory
    Stream<DynamicNode> everyExampleShowsItsRule() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            List<RuleMetadata.Example> examples = rule.metadata().examples();
            List<DynamicNode> tests = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                RuleMetadata.Example example = examples.get(i);
                String name = examples.size() == 1 ? "" : " " + (i + 1);
                tests.add(DynamicTest.dynamicTest("bad" + name + " reports", () -> {
                    List<Finding> findings = review(rule, example, example.bad(), "bad");
                    assertThat(findings).as("findings of " + rule.id() + " on its bad example " + example.file())
                            .isNotEmpty();
                }));
                tests.add(DynamicTest.dynamicTest("good" + name + " is quiet", () -> {
                    List<Finding> findings = review(rule, example, example.good(), "good");
                    assertThat(findings).as("findings of " + rule.id() + " on its good example " + example.file())
                            .extracting(f -> f.location() + ": " + f.message()).isEmpty();
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(rule.id(), tests));
        }
        return nodes.stream();
    }

    private List<Finding> review(Rule rule, RuleMetadata.Example example, String content, String version)
            throws IOException {
        assumeTrue(!rule.id().equals("shellcheck") || ShellCheck.onPath().isPresent(),
                "shellcheck is not on PATH (Debian package shellcheck): its example cannot run");
        Path project = Files.createDirectories(dir.resolve(rule.id()).resolve(version));
        write(project, example.file(), content);
        for (Map.Entry<String, String> file : example.alongside().entrySet()) {
            write(project, file.getKey(), file.getValue());
        }
        DrydockConfig config = RuleFixtureTest.caseConfig(project);
        return new Reviewer(List.of(rule), config.settings()).review(config.loader().load(project)).findings().stream()
                .filter(f -> rule.reports(f.ruleId())).toList();
    }

    private static void write(Path project, String name, String content) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
