package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code drydock fix --unsafe} on every Dockerfile and compose file of the shared conformance data
 * (KICS's cases and BuildKit's parser test files), each copied alone into a folder under its usual
 * name: no fix throws, every fix the engine could not apply is reported with its rule (a fix whose
 * result would not parse is dropped: BuildKit's env test file ends inside a line continuation, so
 * nothing can be appended to it), and fixing the written result again changes nothing.
 */
class SharedFixturesFixTest {

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everySharedFileIsFixedWithoutError() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SharedData.resolve("conformance/kics"))) {
            walk.filter(p -> p.toString().endsWith(".dockerfile") || p.toString().endsWith(".yaml")
                    || p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        try (Stream<Path> walk = Files.walk(SharedData.resolve("conformance/buildkit-parser/testfiles"))) {
            walk.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().forEach(files::add);
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(SharedData.root().relativize(file).toString(),
                () -> fixes(file)));
    }

    private void fixes(Path file) throws Exception {
        String name = file.getFileName().toString();
        boolean compose = name.endsWith(".yaml") || name.endsWith(".yml");
        Path project = Files.createDirectories(temp.resolve(SharedData.root().relativize(file).toString().replace('/', '_')));
        Files.copy(file, project.resolve(compose ? "compose.yaml" : "Dockerfile"));
        FixResult result = FixEngine.standard().fix(project, FixOptions.withUnsafe());
        assertThat(result.problems()).as("fixes refused").allMatch(p -> p.matches("[a-z0-9-]+: .+"));
        new FixWriter(project).write(result.changes());
        FixResult again = FixEngine.standard().fix(project, FixOptions.withUnsafe());
        assertThat(again.changes()).as("a second fix changes nothing").isEmpty();
    }
}
