package dev.drydock.core.rules.dockerfile;

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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile rules on the example project the hand-written review was written for: every row of
 * {@code examples/unify.expected.tsv} that belongs to one of these rules must be met (rule, kind,
 * severity, file, one of the lines), the {@code absent} rows must not be findings, and these rules must
 * report nothing the expected review does not list.
 */
class UnifyDockerfileRulesTest {

    /** One row of the expected review. */
    record Row(String rule, String kind, String severity, String file, List<Integer> lines, String note) {

        boolean matches(String rule, Severity severity, Location location) {
            if (!this.rule.equals(rule)) {
                return false;
            }
            if (!this.severity.equals("-") && severity != null && !Severity.of(this.severity).equals(severity)) {
                return false;
            }
            if (!file.equals("-") && !file.equals(location.file())) {
                return false;
            }
            if (lines.isEmpty()) {
                return true;
            }
            int start = location.line();
            int end = Math.max(start, location.endLine());
            return lines.stream().anyMatch(l -> start <= l && l <= end);
        }
    }

    static Review review;
    static List<Row> rows;
    static Set<String> ids;

    @BeforeAll
    static void reviewUnify() throws IOException {
        Project project = new ProjectLoader().load(SharedData.resolve("examples/unify"));
        List<Rule> rules = DockerfileRules.all();
        review = new Reviewer(rules).review(project);
        ids = rules.stream().map(Rule::id).collect(Collectors.toSet());
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.resolve("examples/unify.expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            List<Integer> lines = c[4].equals("-") ? List.of()
                    : Arrays.stream(c[4].split(",")).map(String::strip).map(Integer::parseInt).toList();
            Row row = new Row(c[0], c[1], c[2], c[3], lines, c.length > 5 ? c[5] : "");
            if (ids.contains(row.rule())) {
                rows.add(row);
            }
        }
    }

    @Test
    void theExpectedReviewHasRowsForTheseRules() {
        assertThat(rows.stream().map(Row::rule).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "runs-as-root", "unpinned-base-image", "build-args-missing", "oci-labels-missing",
                "apt-no-install-recommends", "build-tools-in-final-image", "implicit-permissions", "dev-config-in-image",
                "deprecated-env", "slim-base-image", "layer-caching", "pip-no-cache-dir", "apt-lists-cleaned",
                "python-unbuffered");
        assertThat(rows.stream().filter(r -> r.kind().equals("absent")).map(Row::rule))
                .containsExactlyInAnyOrder("pip-no-cache-dir", "apt-lists-cleaned", "layer-caching");
    }

    @Test
    void everyExpectedFindingIsReported() {
        List<String> missing = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind().equals("finding")
                    && review.findings().stream().noneMatch(f -> row.matches(f.ruleId(), f.severity(), f.location()))) {
                missing.add(row.toString());
            }
        }
        assertThat(missing).as("expected findings not reported; reported: " + describe(review.findings())).isEmpty();
    }

    @Test
    void everyExpectedStrengthIsReported() {
        List<String> missing = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind().equals("strength")
                    && review.strengths().stream().noneMatch(s -> row.matches(s.ruleId(), null, s.location()))) {
                missing.add(row.toString());
            }
        }
        assertThat(missing).as("expected strengths not reported").isEmpty();
    }

    @Test
    void absentRulesAreNotFindings() {
        for (Row row : rows) {
            if (row.kind().equals("absent")) {
                assertThat(review.findings()).as(row.rule() + ": " + row.note())
                        .noneMatch(f -> f.ruleId().equals(row.rule()));
            }
        }
    }

    /**
     * Findings the expected review does not list that drydock reports on purpose, each with where it points and why
     * it is right for this project.
     */
    private static final Map<String, String> BEYOND_THE_EXPECTED_REVIEW = Map.of(
            // torch>=2.0.0 from PyPI on Linux brings the nvidia-*-cu12 wheels; no service of the project asks for a GPU
            "torch-build-mismatch", "requirements.txt:19");

    @Test
    void nothingIsReportedThatTheExpectedReviewDoesNotList() {
        for (Finding f : review.findings()) {
            if ((f.location().file() + ":" + f.location().line()).equals(BEYOND_THE_EXPECTED_REVIEW.get(f.ruleId()))) {
                continue;
            }
            assertThat(rows).as("unexpected finding " + f.ruleId() + " at " + f.location() + ": " + f.message())
                    .anyMatch(r -> r.kind().equals("finding") && r.matches(f.ruleId(), f.severity(), f.location()));
        }
        for (Strength s : review.strengths()) {
            assertThat(rows).as("unexpected strength " + s.ruleId() + " at " + s.location() + ": " + s.message())
                    .anyMatch(r -> r.kind().equals("strength") && r.matches(s.ruleId(), null, s.location()));
        }
    }

    @Test
    void messagesNameTheProjectsOwnValues() {
        assertThat(message("unpinned-base-image")).contains("python:3.11-slim");
        assertThat(recommendation("unpinned-base-image")).contains("python:3.11.N-slim");
        assertThat(message("build-tools-in-final-image")).contains("gcc", "g++", "unixodbc-dev");
        assertThat(recommendation("build-tools-in-final-image")).contains("requirements.txt", "unixodbc instead of unixodbc-dev");
        assertThat(message("dev-config-in-image")).contains("SQLITE_DB_NAME=unify_dev.db", "docker-compose.yml");
        assertThat(recommendation("dev-config-in-image")).contains("SQLITE_DB_NAME=unify.db");
        assertThat(message("deprecated-env")).contains("FLASK_ENV", "Flask>=2.3.0", "requirements.txt");
        assertThat(message("implicit-permissions")).contains("/app/src/uploads/notes", "/app/src/data", "/app/logs",
                "unify-data");
        assertThat(recommendation("build-args-missing")).contains("ARG PYTHON_VERSION=3.11",
                "FROM python:${PYTHON_VERSION}-slim");
        assertThat(recommendation("oci-labels-missing")).contains("unify-app");
        assertThat(recommendation("apt-no-install-recommends")).contains("--no-install-recommends gcc g++ unixodbc-dev");
    }

    private static String message(String rule) {
        return finding(rule).message();
    }

    private static String recommendation(String rule) {
        return finding(rule).effectiveRecommendation();
    }

    private static Finding finding(String rule) {
        return review.findings().stream().filter(f -> f.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding of " + rule));
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + "/" + f.severity().id() + "@" + f.location() + "-"
                + f.location().endLine()).collect(Collectors.joining(", "));
    }
}
