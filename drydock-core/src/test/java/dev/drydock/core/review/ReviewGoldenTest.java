package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.fix.FixEngine;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.json.ReviewGitlab;
import dev.drydock.core.json.ReviewJson;
import dev.drydock.core.json.ReviewSarif;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.report.ReviewCheckstyle;
import dev.drydock.core.report.ReviewGithub;
import dev.drydock.core.report.ReviewJunit;
import dev.drydock.core.report.ReviewMarkdown;
import dev.drydock.core.report.ReviewText;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The review of the shared unify example in every format, compared with golden files under
 * {@code src/test/resources/golden/}. After an intended change, rewrite them with
 * {@code ./build verify -Ddrydock.updateGolden=true} and read the diff before committing it.
 */
class ReviewGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"txt", "md", "json", "sarif", "checkstyle.xml", "junit.xml", "gitlab.json", "github.txt"})
    void unifyReviewReadsAsRecorded(String format) throws IOException {
        Path unify = SharedData.resolve("examples/unify");
        Review review = Reviewer.standard().review(new ProjectLoader().load(unify));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        switch (format) {
            case "txt" -> new ReviewText(out, false).print(review);
            case "md" -> new ReviewMarkdown(out).print(review, FixEngine.standard().fix(review.project(), review,
                    FixOptions.withUnsafe()));
            // the rules of the findings only, so that a new rule elsewhere does not change this file
            case "sarif" -> ReviewSarif.write(review, review.findings().stream().map(Finding::rule).distinct().toList(),
                    "test", null, out);
            case "checkstyle.xml" -> ReviewCheckstyle.write(review, "", out);
            case "junit.xml" -> ReviewJunit.write(review, "", out);
            case "gitlab.json" -> ReviewGitlab.write(review, "", out);
            case "github.txt" -> ReviewGithub.write(review, "", out);
            default -> ReviewJson.write(review, "examples/unify", "test", out);
        }
        out.flush();
        Path file = GOLDEN.resolve("unify.review." + format);
        if (Boolean.getBoolean("drydock.updateGolden")) {
            Files.writeString(file, text.toString());
        }
        assertThat(text.toString()).isEqualTo(Files.readString(file));
    }
}
