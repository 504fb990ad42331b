package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects written in the manner of the Dockerfiles web frameworks generate or document (a Rails application
 * deployed with Kamal, a Phoenix release, Next.js standalone output, Bun's and Deno's images, the React Router
 * template, Laravel Octane on FrankenPHP, Quarkus' src/main/docker, the dotnet-docker samples on chiseled and
 * Alpine images, Docker's Go guide on distroless, a cookiecutter-django production stack, start.spring.io's
 * development services) are well made: the review gives them no critical or high finding, and
 * {@code drydock fix --unsafe} applies every fix, brings no new finding and changes nothing when run again.
 */
class FrameworkStyleTest {

    private static final Path PROJECTS = Path.of("src/test/resources/framework-style");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> wellMadeAndFixedCleanly() throws IOException {
        try (Stream<Path> list = Files.list(PROJECTS)) {
            return list.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
                    dir.getFileName().toString(), () -> check(dir)));
        }
    }

    private void check(Path project) throws Exception {
        FixResult result = FixEngine.standard().fix(project, FixOptions.withUnsafe());
        assertThat(result.before().findings()).filteredOn(f -> f.severity().atLeast(Severity.HIGH))
                .extracting(FrameworkStyleTest::describe).as("critical or high findings").isEmpty();
        assertThat(result.problems()).as("fixes refused").isEmpty();
        assertThat(result.introduced()).as("findings the fixes brought").isEmpty();

        Path copy = temp.resolve(project.getFileName().toString());
        FixFixtureTest.copyTree(project, copy);
        new FixWriter(copy).write(result.changes());
        FixResult again = FixEngine.standard().fix(copy, FixOptions.withUnsafe());
        assertThat(again.changes()).as("a second fix changes nothing").isEmpty();
    }

    private static String describe(Finding f) {
        return f.severity().id() + " " + f.location() + " " + f.ruleId() + ": " + f.message();
    }
}
