package dev.drydock.core.rules.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.review.Strength;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The context rules on the example project the hand-written review describes: every row of
 * {@code unify.expected.tsv} for these rules is met (kind, severity, file, lines), no row marked
 * absent is reported, and nothing else is reported as a finding.
 */
class UnifyContextRulesTest {

    /** One row of the expected-review table. */
    record Row(String rule, String kind, String severity, String file, Set<Integer> lines, String note) {

        boolean matches(String ruleId, Severity actualSeverity, Location location) {
            if (!rule.equals(ruleId)) {
                return false;
            }
            if (!severity.equals("-") && (actualSeverity == null || !actualSeverity.id().equals(severity))) {
                return false;
            }
            if (!file.equals("-") && !file.equals(location.file())) {
                return false;
            }
            if (lines == null) {
                return true;
            }
            int start = location.line();
            int end = Math.max(start, location.endLine());
            return lines.stream().anyMatch(n -> start <= n && n <= end);
        }
    }

    private static Review review;
    private static List<Row> rows;

    @BeforeAll
    static void reviewUnify() throws IOException {
        Project project = new ProjectLoader().load(SharedData.resolve("examples/unify"));
        review = new Reviewer(ContextRules.all()).review(project);
        Set<String> ids = ContextRules.all().stream().map(Rule::id).collect(Collectors.toSet());
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.resolve("examples/unify.expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = Arrays.copyOf(line.split("\t"), 6);
            if (!ids.contains(c[0])) {
                continue;
            }
            Set<Integer> lines = c[4] == null || c[4].strip().equals("-") ? null
                    : Arrays.stream(c[4].split(",")).map(String::strip).map(Integer::valueOf).collect(Collectors.toSet());
            rows.add(new Row(c[0], c[1], c[2] == null ? "-" : c[2], c[3] == null ? "-" : c[3], lines, c[5]));
        }
    }

    @Test
    void theTableNamesTheseRules() {
        assertThat(rows).extracting(Row::rule).contains("dockerignore-incomplete", "secrets-in-build-context",
                "default-secret", "compose-version-obsolete", "requirements-unpinned", "security-scan-missing",
                "compose-healthcheck", "resource-limits", "log-rotation", "named-volumes", "restart-policy");
    }

    @Test
    void everyExpectedFindingIsReported() {
        for (Row row : rows.stream().filter(r -> r.kind().equals("finding")).toList()) {
            assertThat(review.findings())
                    .as("%s %s %s:%s (%s)", row.rule(), row.severity(), row.file(), row.lines(), row.note())
                    .anyMatch(f -> row.matches(f.ruleId(), f.severity(), f.location()));
        }
    }

    @Test
    void everyExpectedStrengthIsReported() {
        for (Row row : rows.stream().filter(r -> r.kind().equals("strength")).toList()) {
            assertThat(review.strengths())
                    .as("%s %s:%s (%s)", row.rule(), row.file(), row.lines(), row.note())
                    .anyMatch(s -> row.matches(s.ruleId(), null, s.location()));
        }
    }

    @Test
    void nothingMarkedAbsentIsReported() {
        for (Row row : rows.stream().filter(r -> r.kind().equals("absent")).toList()) {
            assertThat(review.findings()).as("absent: %s (%s)", row.rule(), row.note())
                    .noneMatch(f -> f.ruleId().equals(row.rule()));
        }
    }

    @Test
    void noOtherFinding() {
        for (Finding f : review.findings()) {
            assertThat(rows).as("unexpected %s at %s: %s", f.ruleId(), f.location(), f.message())
                    .anyMatch(r -> r.kind().equals("finding") && r.matches(f.ruleId(), f.severity(), f.location()));
        }
        assertThat(review.findings()).extracting(Finding::ruleId).doesNotHaveDuplicates();
    }

    @Test
    void everyStrengthIsExpected() {
        for (Strength s : review.strengths()) {
            assertThat(rows).as("unexpected strength %s at %s: %s", s.ruleId(), s.location(), s.message())
                    .anyMatch(r -> r.kind().equals("strength") && r.matches(s.ruleId(), null, s.location()));
        }
    }

    @Test
    void findingsNameWhatIsMissingAndWhy() {
        Finding incomplete = only("dockerignore-incomplete");
        assertThat(incomplete.message()).contains("`.env`", "src/data/*.db", "src/uploads/", "logs/",
                "compose env_file of unify-app (docker-compose.yml:36)", "COPY . .");
        assertThat(incomplete.recommendation()).contains("`**/.env`", "`src/data/*.db`", "`src/uploads`", "`**/logs`");
        assertThat(incomplete.implicit()).isTrue();
        assertThat(incomplete.location().line()).isEqualTo(1);

        Finding secrets = only("secrets-in-build-context");
        assertThat(secrets.location().file()).isEqualTo("Dockerfile");
        assertThat(secrets.location().line()).isEqualTo(23);
        assertThat(secrets.message()).contains("`.env`", "/app/.env", "SECRET_KEY", ".env.example", "git-ignored");

        Finding fallback = only("default-secret");
        assertThat(fallback.message()).contains("SECRET_KEY", "change-me-in-production");
        assertThat(fallback.recommendation()).contains("${SECRET_KEY:?");

        Finding pins = only("requirements-unpinned");
        assertThat(pins.location().line()).isEqualTo(2);
        assertThat(pins.message()).contains("Flask>=2.3.0");
        assertThat(pins.recommendation()).contains("--require-hashes", "requirements.in");

        Finding scan = only("security-scan-missing");
        assertThat(scan.location().file()).isNull();
        assertThat(scan.recommendation()).contains("unify-app:latest");
    }

    private static Finding only(String rule) {
        List<Finding> found = review.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertThat(found).as(rule).hasSize(1);
        return found.get(0);
    }
}
