package dev.drydock.core.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application rules on the shared example project: every row of {@code unify.expected.tsv} for
 * their ids holds (kind, severity, file, lines), and nothing else is reported by them.
 */
class UnifyAppRulesTest {

    private static Review review;
    private static List<String[]> rows;

    @BeforeAll
    static void load() throws IOException {
        Project project = new ProjectLoader().load(SharedData.resolve("examples/unify"));
        review = new Reviewer(AppRules.all()).review(project);
        Set<String> ids = AppRules.all().stream().map(Rule::id).collect(Collectors.toSet());
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.resolve("examples/unify.expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (ids.contains(cols[0])) {
                rows.add(cols);
            }
        }
    }

    @Test
    void everyExpectedRowOfTheseRulesHolds() {
        assertThat(rows).as("rows of the expected review for the application rules").hasSizeGreaterThanOrEqualTo(8);
        List<String> problems = new ArrayList<>();
        for (String[] row : rows) {
            String id = row[0];
            String kind = row[1];
            List<Finding> found = review.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
            if (kind.equals("absent")) {
                if (!found.isEmpty()) {
                    problems.add(id + " must be absent but was reported: " + found.get(0).message());
                }
                continue;
            }
            if (!kind.equals("finding")) {
                continue;
            }
            boolean met = found.stream().anyMatch(f -> matches(f, row[2], row[3], row[4]));
            if (!met) {
                problems.add("missing " + String.join(" ", row) + "; reported: "
                        + found.stream().map(f -> f.severity() + " " + f.location()).toList());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachRuleReportsOnlyWhatIsExpected() {
        for (Finding f : review.findings()) {
            assertThat(rows.stream().anyMatch(r -> r[0].equals(f.ruleId()) && r[1].equals("finding")))
                    .as("unexpected " + f.ruleId() + " at " + f.location() + ": " + f.message()).isTrue();
        }
        assertThat(review.findings().stream().map(Finding::ruleId).distinct().count())
                .isEqualTo(review.findings().size());
    }

    @Test
    void messagesAndRecommendationsUseTheProjectsOwnValues() {
        Finding dev = one("dev-server");
        assertThat(dev.message()).contains("python app.py").contains("Flask").contains("app.py line 28");
        assertThat(dev.effectiveRecommendation()).contains("\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"--workers\", \"1\", \"--threads\", \"4\"")
                .contains("\"--graceful-timeout\", \"30\", \"--access-logfile\", \"-\", \"app:app\"")
                .contains("requirements.txt");
        Finding tool = one("healthcheck-tool-missing");
        assertThat(tool.message()).contains("curl").contains("python:3.11-slim");
        assertThat(tool.effectiveRecommendation()).contains("urllib.request.urlopen('http://localhost:5000/health'");
        Finding readiness = one("readiness-check-missing");
        assertThat(readiness.location().file()).isEqualTo("app.py");
        assertThat(readiness.location().line()).isEqualTo(21);
        assertThat(readiness.message()).contains("jsonify(status=\"ok\")").contains("Flask-SQLAlchemy").doesNotContain("torch");
        Finding memory = one("memory-limit-too-low");
        assertThat(memory.message()).contains("2G").contains("torch").contains("transformers").contains("sentence-transformers");
        Finding health = one("healthcheck-missing");
        assertThat(health.effectiveRecommendation()).contains("HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3")
                .contains("http://localhost:5000/health");
        assertThat(one("graceful-shutdown-missing").message()).contains("PID 1").contains("10 s");
        assertThat(one("production-server-missing").location().file()).isEqualTo("requirements.txt");
    }

    @Test
    void printsTheReview() {
        for (Finding f : review.findings()) {
            System.out.println(f.severity() + " " + f.ruleId() + " " + f.location() + "\n  " + f.message() + "\n  -> "
                    + f.effectiveRecommendation());
        }
    }

    private static Finding one(String id) {
        List<Finding> found = review.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }

    private static boolean matches(Finding f, String severity, String file, String lines) {
        if (!severity.equals("-") && !f.severity().id().equals(severity)) {
            return false;
        }
        if (!file.equals("-") && !file.equals(f.location().file())) {
            return false;
        }
        if (lines.equals("-")) {
            return true;
        }
        for (String l : lines.split(",")) {
            int line = Integer.parseInt(l.strip());
            if (f.location().line() <= line && line <= Math.max(f.location().line(), f.location().endLine())) {
                return true;
            }
        }
        return false;
    }
}
