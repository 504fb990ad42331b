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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One rule's findings at several places of one compose file, in the terminal and Markdown reports: advice that
 * differs only in the service's name is shown once ({@code identical}), advice that differs in substance once
 * per place ({@code differing}), and both in one block ({@code mixed}). Only the rule under test is kept, so that
 * other rules do not change these files; rewrite them with {@code -Ddrydock.updateGolden=true} and read the diff.
 */
class GroupedAdviceGoldenTest {

    private static final Path PROJECTS = Path.of("src/test/resources/grouping");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/grouping");

    @ParameterizedTest
    @CsvSource({"identical, resource-limits", "differing, end-of-life-base-image", "mixed, resource-limits"})
    void groupedAdviceReadsAsRecorded(String project, String rule) throws IOException {
        Review all = Reviewer.standard().review(new ProjectLoader().load(PROJECTS.resolve(project)));
        Review review = new Review(all.project(), all.findings().stream().filter(f -> f.ruleId().equals(rule)).toList(),
                List.of());
        assertThat(review.findings()).hasSizeGreaterThanOrEqualTo(3);

        StringWriter text = new StringWriter();
        new ReviewText(new PrintWriter(text), false).print(review);
        compare(project + ".review.txt", text.toString());
        StringWriter markdown = new StringWriter();
        new ReviewMarkdown(new PrintWriter(markdown)).print(review);
        compare(project + ".review.md", markdown.toString());
    }

    private static void compare(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("drydock.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }
}
