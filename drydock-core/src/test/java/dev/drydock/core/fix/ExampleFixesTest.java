package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Severity;
import dev.drydock.core.testing.SharedData;
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
 * {@code drydock fix --unsafe} on every example project and on the shared unify project: the
 * re-review has no critical or high finding left and nothing new, every fix applied, the files
 * changes are the diff in {@code src/test/resources/golden/fixed/PROJECT.diff} (rewritten with
 * {@code -Ddrydock.updateGolden=true}), and fixing the written result again changes nothing.
 */
class ExampleFixesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/fixed");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyExampleIsRepaired() throws IOException {
        List<Path> projects = new ArrayList<>();
        try (Stream<Path> list = Files.list(Path.of("../examples"))) {
            list.filter(Files::isDirectory).sorted().forEach(projects::add);
        }
        projects.add(SharedData.resolve("examples/unify"));
        return projects.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> repairs(p)));
    }

    private void repairs(Path project) throws Exception {
        FixResult result = FixEngine.standard().fix(project, FixOptions.withUnsafe());
        assertThat(result.problems()).as("fixes refused").isEmpty();
        assertThat(result.introduced()).as("findings the fixes brought").isEmpty();
        List<String> severe = result.after().findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH))
                .map(ExampleFixesTest::describe).toList();
        assertThat(severe).as("critical or high findings left after fix --unsafe").isEmpty();

        String diff = UnifiedDiff.of(result.changes());
        Path golden = GOLDEN.resolve(project.getFileName() + ".diff");
        if (Boolean.getBoolean("drydock.updateGolden")) {
            Files.writeString(golden, diff);
        }
        assertThat(diff).as("what fix --unsafe changes in " + project.getFileName()).isEqualTo(Files.readString(golden));

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
