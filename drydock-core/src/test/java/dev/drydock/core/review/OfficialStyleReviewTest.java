package dev.drydock.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Dockerfiles written in the manner of the Docker official images (a language runtime built from a checked
 * release, a database server that drops root in its entry point, a web server from its signed repository)
 * are well made: the whole review gives them no critical or high finding.
 */
class OfficialStyleReviewTest {

    static final Path PROJECTS = Path.of("src/test/resources/official-style");

    @TestFactory
    Stream<DynamicTest> noCriticalOrHighFinding() throws IOException {
        try (Stream<Path> list = Files.list(PROJECTS)) {
            return list.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
                    dir.getFileName().toString(), () -> {
                        Review review = Reviewer.standard().review(new ProjectLoader().load(dir));
                        assertThat(review.findings()).filteredOn(f -> f.severity().atLeast(Severity.HIGH))
                                .extracting(f -> f.ruleId() + " " + f.location() + ": " + f.message())
                                .isEmpty();
                    }));
        }
    }
}
