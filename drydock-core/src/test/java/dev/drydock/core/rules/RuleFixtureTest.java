package dev.drydock.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.config.ConfigFiles;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Rules;
import dev.drydock.core.shellcheck.ShellCheck;
import dev.drydock.core.review.Strength;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule on its fixtures: {@code src/test/resources/rules/RULE-ID/CASE/} is a small project
 * whose files say, in comments, what the rule must report ({@link Expectations}). The rule must
 * report exactly that: every expectation met, nothing else. Every rule has at least one case where
 * it fires and one where it stays quiet. A case may hold a {@code .drydock.yaml} or {@code .hadolint.yaml}:
 * the rule then runs with that configuration (and ignore comments in the files are honoured, as always).
 */
class RuleFixtureTest {

    static final Path FIXTURES = Path.of("src/test/resources/rules");

    @TestFactory
    Stream<DynamicNode> everyRuleOnItsFixtures() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path ruleDir : folders(FIXTURES)) {
            String id = ruleDir.getFileName().toString();
            List<DynamicNode> cases = new ArrayList<>();
            for (Path caseDir : folders(ruleDir)) {
                cases.add(DynamicTest.dynamicTest(caseDir.getFileName().toString(), () -> check(id, caseDir)));
            }
            nodes.add(DynamicContainer.dynamicContainer(id, cases));
        }
        return nodes.stream();
    }

    @Test
    void everyRuleHasFiringAndQuietFixtures() throws IOException {
        for (Rule rule : Rules.all()) {
            if (rule.id().equals("rule-failed")) {
                continue; // drydock's own defects: RuleFailedTest shows it with a rule that throws
            }
            Path dir = FIXTURES.resolve(rule.id());
            assertThat(dir).as("fixtures of " + rule.id()).isDirectory();
            boolean fires = false;
            boolean quiet = false;
            for (Path caseDir : folders(dir)) {
                boolean expectsFinding = Expectations.read(caseDir).stream()
                        .anyMatch(e -> rule.reports(e.rule()) && e.kind().equals("finding"));
                fires |= expectsFinding;
                quiet |= !expectsFinding;
            }
            assertThat(fires).as(rule.id() + " has a fixture where it fires").isTrue();
            assertThat(quiet).as(rule.id() + " has a fixture where it reports no finding").isTrue();
        }
    }

    /** Every marker of every fixture, read at once: the malformed ones all in one list. */
    @Test
    void everyMarkerParses() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path ruleDir : folders(FIXTURES)) {
            for (Path caseDir : folders(ruleDir)) {
                try {
                    Expectations.read(caseDir);
                } catch (Expectations.MalformedExpectations e) {
                    String prefix = FIXTURES.relativize(caseDir) + "/";
                    e.problems().forEach(p -> problems.add(prefix + p));
                }
            }
        }
        assertThat(problems).as("malformed expectation markers").isEmpty();
    }

    private static void check(String id, Path caseDir) throws IOException {
        Rule rule = Rules.find(id).orElseThrow(() -> new AssertionError("no rule " + id + " for fixtures " + caseDir));
        assumeTrue(!id.equals("shellcheck") || ShellCheck.onPath().isPresent(),
                "shellcheck is not on PATH (Debian package shellcheck): its fixtures cannot run");
        DrydockConfig config = caseConfig(caseDir);
        Project project = config.loader().load(caseDir);
        Review review = new Reviewer(List.of(rule), config.settings()).review(project);
        List<String> problems = new ArrayList<>();
        List<Expectation> expected = new ArrayList<>();
        for (Expectation e : Expectations.read(caseDir)) {
            if (rule.reports(e.rule())) {
                expected.add(e);
            } else {
                problems.add("names " + e.rule() + ", but the fixtures of " + id + " run only " + id + ": " + e);
            }
        }
        for (Expectation e : expected) {
            boolean met = switch (e.kind()) {
                case "strength" -> review.strengths().stream().anyMatch(s -> matches(e, s));
                case "text" -> review.findings().stream().anyMatch(f -> matches(e, f)
                                && (f.message().contains(e.text()) || f.effectiveRecommendation().contains(e.text())))
                        || review.strengths().stream().anyMatch(s -> matches(e, s) && s.message().contains(e.text()));
                case "severity" -> review.findings().stream()
                        .anyMatch(f -> matches(e, f) && f.severity().id().equals(e.text()));
                default -> review.findings().stream().anyMatch(f -> matches(e, f));
            };
            if (!met) {
                problems.add("missing: " + e);
            }
        }
        for (Finding f : review.findings()) {
            if (expected.stream().noneMatch(e -> e.kind().equals("finding") && matches(e, f))) {
                problems.add("unexpected finding at " + f.location() + ": " + f.message());
            }
        }
        for (Strength s : review.strengths()) {
            if (expected.stream().noneMatch(e -> e.kind().equals("strength") && matches(e, s))) {
                problems.add("unexpected strength at " + s.location() + ": " + s.message());
            }
        }
        assertThat(problems).as(caseDir.toString()).isEmpty();
    }

    /** The configuration file of the case folder itself (parents are not searched), if any. */
    static DrydockConfig caseConfig(Path caseDir) {
        for (String name : List.of(".drydock.yaml", ".hadolint.yaml")) {
            if (Files.isRegularFile(caseDir.resolve(name))) {
                return ConfigFiles.read(caseDir.resolve(name), caseDir);
            }
        }
        return DrydockConfig.NONE;
    }

    private static boolean matches(Expectation e, Finding f) {
        return e.matches(f.ruleId(), f.location());
    }

    private static boolean matches(Expectation e, Strength s) {
        return e.matches(s.ruleId(), s.location());
    }

    static List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }
}
