package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture folder of the shared conformance data, read as a project: whatever is wrong in it
 * must come back as diagnostics with a file and position, never as an exception.
 */
class ProjectRobustnessTest {

    @TestFactory
    Stream<DynamicTest> everySharedFixtureFolderLoads() throws IOException {
        List<Path> folders;
        try (Stream<Path> kics = Stream.concat(
                Files.list(SharedData.resolve("conformance/kics/dockerfile")),
                Files.list(SharedData.resolve("conformance/kics/compose")))) {
            folders = Stream.concat(kics.filter(Files::isDirectory),
                    Stream.of(SharedData.resolve("examples/unify"), SharedData.resolve("conformance/buildkit-parser")))
                    .sorted().toList();
        }
        ProjectLoader loader = new ProjectLoader();
        return folders.stream().map(folder -> DynamicTest.dynamicTest(SharedData.root().relativize(folder).toString(), () -> {
            List<ExplicitFile> files;
            try (Stream<Path> list = Files.walk(folder)) {
                files = list.filter(Files::isRegularFile).map(ProjectRobustnessTest::typed).filter(f -> f != null).toList();
            }
            Project project = loader.load(folder, files);
            assertThat(project.diagnostics()).allSatisfy(d -> assertThat(d.path()).isNotBlank());
            assertThat(project.layout().entries()).hasSizeGreaterThanOrEqualTo(files.size());
        }));
    }

    private static ExplicitFile typed(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return ExplicitFile.as(file, FileType.COMPOSE_VARIANT);
        }
        if (name.endsWith(".dockerfile") || name.equals("Dockerfile")) {
            return ExplicitFile.as(file, FileType.DOCKERFILE);
        }
        return null;
    }
}
