package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects laid out the way {@code docker init} lays them out for Python, Node.js, Go, Rust, Java, ASP.NET
 * and PHP (cache and bind mounts in RUN, an account created with {@code --uid "${UID}"}, Spring Boot's layers
 * copied one by one, {@code USER $APP_UID}, a bare compose service...), written here with their own apps. Such
 * files are widely taken as the reference: the review gives them no critical or high finding, and
 * {@code fix --unsafe} brings no new finding and is complete after one run.
 */
class InitStyleProjectsTest {

    static final Path PROJECTS = Path.of("src/test/resources/init-style");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> noCriticalOrHighFinding() throws IOException {
        return projects().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Review review = Reviewer.standard().review(new ProjectLoader().load(dir));
            assertThat(review.findings()).filteredOn(f -> f.severity().atLeast(Severity.HIGH))
                    .extracting(InitStyleProjectsTest::describe)
                    .isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> fixingBringsNothingNewAndHoldsOnASecondRun() throws IOException {
        return projects().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            FixResult result = FixEngine.standard().fix(dir, FixOptions.withUnsafe());
            assertThat(result.problems()).as("fixes refused").isEmpty();
            assertThat(result.introduced()).as("findings the fixes brought").extracting(InitStyleProjectsTest::describe)
                    .isEmpty();
            Path copy = temp.resolve(dir.getFileName().toString());
            FixFixtureTest.copyTree(dir, copy);
            new FixWriter(copy).write(result.changes());
            assertThat(FixEngine.standard().fix(copy, FixOptions.withUnsafe()).changes()).as("a second fix")
                    .isEmpty();
        }));
    }

    private static List<Path> projects() throws IOException {
        try (Stream<Path> list = Files.list(PROJECTS)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String describe(Finding f) {
        return f.severity().id() + " " + f.ruleId() + " " + f.location() + ": " + f.message();
    }
}
