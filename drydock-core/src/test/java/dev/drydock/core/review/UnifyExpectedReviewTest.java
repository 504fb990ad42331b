package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.core.json.ReviewJson;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review of the shared unify example says everything {@code unify.expected.tsv} asks for, and
 * nothing it marks absent, checked by the shared {@code tools/check-expected} script itself.
 */
class UnifyExpectedReviewTest {

    @Test
    void unifyReviewMatchesTheExpectedReview(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(python3(), "python3 is needed to run tools/check-expected");
        Path unify = SharedData.resolve("examples/unify");
        Review review = Reviewer.standard().review(new ProjectLoader().load(unify));
        StringWriter json = new StringWriter();
        ReviewJson.write(review, unify.toString(), "test", json);
        Path reviewFile = dir.resolve("review.json");
        Files.writeString(reviewFile, json.toString());
        Process check = new ProcessBuilder("python3", SharedData.resolve("tools/check-expected").toString(),
                SharedData.resolve("examples/unify.expected.tsv").toString(), reviewFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = check.waitFor();
        assertThat(output.strip().lines().reduce((a, b) -> b).orElse("")).as(output).endsWith(" 0 failed");
        assertThat(exit).as(output).isZero();
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
