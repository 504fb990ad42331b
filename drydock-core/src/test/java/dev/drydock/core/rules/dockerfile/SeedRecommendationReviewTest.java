package dev.drydock.core.rules.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multi-stage Dockerfile the original hand-written review recommends (its "2.1 Multi-Stage
 * Build"), kept verbatim in {@code src/test/resources/seed-recommendation} with a minimal Flask app
 * and requirements file. The recommendation does not work: the builder installs with
 * {@code pip install --user} into /root/.local, the final stage copies that to /root/.local and
 * then runs as appuser, who cannot enter /root, so gunicorn is never found. The review must point at
 * each of its mistakes, on the exact line.
 */
class SeedRecommendationReviewTest {

    static Review review;

    @BeforeAll
    static void reviewTheRecommendation() throws IOException {
        review = Reviewer.standard().review(new ProjectLoader().load(Path.of("src/test/resources/seed-recommendation")));
    }

    @Test
    void packagesCopiedIntoRootsHomeAreOutOfReachOfAppuser() {
        Finding f = finding("unreadable-by-runtime-user", 29);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("/root/.local", "appuser", "gunicorn is not found", "line 42",
                "pip install --user", "line 15", "python:3.11.7-slim");
        assertThat(f.effectiveRecommendation()).contains("/opt/venv");
    }

    @Test
    void theRecursiveChownAfterCopyDoublesTheApplicationLayer() {
        Finding f = finding("recursive-chown-layer", 37);
        assertThat(f.message()).contains("chown -R appuser:appuser /app", "COPY . . (line 32)");
        assertThat(f.effectiveRecommendation()).contains("COPY --chown=appuser:appuser . .",
                "chown appuser:appuser src src/uploads src/uploads/notes src/data /app/logs");
        // the mkdir in the same RUN needs the chown: no mechanical fix
        assertThat(f.fix()).isNull();
    }

    @Test
    void developmentHeadersInTheRuntimeStageAreReported() {
        Finding f = finding("build-tools-in-final-image", 25);
        assertThat(f.message()).contains("unixodbc-dev");
        assertThat(f.effectiveRecommendation()).contains("unixodbc instead of unixodbc-dev");
        assertThat(review.findings()).as("the builder stage may keep its compilers")
                .noneMatch(x -> x.ruleId().equals("build-tools-in-final-image") && x.location().line() < 18);
    }

    @Test
    void lowercaseAsAfterUppercaseFromIsReportedWithASafeFix() {
        Finding f = finding("from-as-casing", 2);
        assertThat(f.message()).contains("'as' and 'FROM'");
        assertThat(f.fix()).isNotNull();
        assertThat(f.fix().safety()).isEqualTo(FixSafety.SAFE);
        assertThat(f.fix().edits()).singleElement().satisfies(e -> assertThat(e.replacement()).isEqualTo("AS"));
    }

    @Test
    void theOtherMistakesOfTheRecommendationAreReportedToo() {
        finding("deprecated-env", 44);
        finding("apt-no-install-recommends", 23);
    }

    private static Finding finding(String rule, int line) {
        List<Finding> matching = review.findings().stream()
                .filter(f -> f.ruleId().equals(rule) && "Dockerfile".equals(f.location().file())
                        && f.location().line() <= line && line <= Math.max(f.location().line(), f.location().endLine()))
                .toList();
        assertThat(matching).as(rule + " at Dockerfile:" + line + " in\n" + describe()).hasSize(1);
        return matching.get(0);
    }

    private static String describe() {
        return review.findings().stream().map(f -> "  " + f.ruleId() + " " + f.location() + ": " + f.message())
                .collect(Collectors.joining("\n"));
    }
}
