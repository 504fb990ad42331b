package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects written, with their own apps, in the manner of files widely taken as the reference are well made: the
 * review gives them no critical or high finding, and {@code drydock fix --unsafe} applies every fix, brings no
 * new finding and changes nothing when run again. {@code framework-style}: the Dockerfiles web frameworks
 * generate or document (a Rails application deployed with Kamal, a Phoenix release, Next.js standalone output,
 * Bun's and Deno's images, the React Router template, Laravel Octane on FrankenPHP, Quarkus' src/main/docker, the
 * dotnet-docker samples on chiseled and Alpine images, Docker's Go guide on distroless, a cookiecutter-django
 * production stack, start.spring.io's development services). {@code init-style}: what {@code docker init} writes
 * for Python, Node.js, Go, Rust, Java, ASP.NET and PHP (cache and bind mounts in RUN, an account created with
 * {@code --uid "${UID}"}, Spring Boot's layers copied one by one, {@code USER $APP_UID}, a bare compose service).
 */
class WellMadeProjectsTest {

    private static final List<Path> COLLECTIONS = List.of(Path.of("src/test/resources/framework-style"),
            Path.of("src/test/resources/init-style"));

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> wellMadeAndFixedCleanly() throws IOException {
        List<Path> projects = new ArrayList<>();
        for (Path collection : COLLECTIONS) {
            try (Stream<Path> list = Files.list(collection)) {
                list.filter(Files::isDirectory).sorted().forEach(projects::add);
            }
        }
        return projects.stream().map(dir -> DynamicTest.dynamicTest(
                dir.getParent().getFileName() + "/" + dir.getFileName(), () -> check(dir)));
    }

    private void check(Path project) throws Exception {
        FixResult result = FixEngine.standard().fix(project, FixOptions.withUnsafe());
        assertThat(result.before().findings()).filteredOn(f -> f.severity().atLeast(Severity.HIGH))
                .extracting(WellMadeProjectsTest::describe).as("critical or high findings").isEmpty();
        assertThat(result.problems()).as("fixes refused").isEmpty();
        assertThat(result.introduced()).as("findings the fixes brought").isEmpty();

        Path copy = temp.resolve(project.getParent().getFileName() + "-" + project.getFileName());
        FixFixtureTest.copyTree(project, copy);
        new FixWriter(copy).write(result.changes());
        FixResult again = FixEngine.standard().fix(copy, FixOptions.withUnsafe());
        assertThat(again.changes()).as("a second fix changes nothing").isEmpty();
    }

    private static String describe(Finding f) {
        return f.severity().id() + " " + f.location() + " " + f.ruleId() + ": " + f.message();
    }
}
