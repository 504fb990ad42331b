package dev.drydock.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal report: one block for a rule's findings in one file, one result each in the JSON. */
class ReviewTextTest {

    @TempDir
    Path dir;

    @Test
    void threeServicesWithoutLimitsAreOneBlockWithALinePerService() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: ghcr.io/acme/api:2.4.1
                  worker:
                    image: ghcr.io/acme/worker:2.4.1
                  scheduler:
                    image: ghcr.io/acme/scheduler:2.4.1
                """);
        Review review = Reviewer.standard().review(new ProjectLoader().load(dir));
        StringWriter text = new StringWriter();
        new ReviewText(new PrintWriter(text), false).print(review);

        assertThat(review.findings().stream().filter(f -> f.ruleId().equals("pids-limit"))).hasSize(3);
        String out = text.toString();
        assertThat(out).containsOnlyOnce("[pids-limit], 3 places in compose.yaml");
        assertThat(out).contains("    line 2: api (compose.yaml) has no process limit\n")
                .contains("    line 4: worker (compose.yaml) has no process limit\n")
                .contains("    line 6: scheduler (compose.yaml) has no process limit\n")
                .containsOnlyOnce("    each: a fork bomb or a thread leak in it can use up the host's process table");
    }
}
