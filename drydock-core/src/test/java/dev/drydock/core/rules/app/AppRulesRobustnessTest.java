package dev.drydock.core.rules.app;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The application rules over every fixture folder of the shared conformance data (KICS's Dockerfile
 * and compose cases, BuildKit's parser test files): odd commands, healthchecks and limits never
 * make a rule throw.
 */
class AppRulesRobustnessTest {

    @TestFactory
    Stream<DynamicTest> everySharedFixtureFolderIsReviewed() throws IOException {
        List<Path> folders;
        try (Stream<Path> kics = Stream.concat(
                Files.list(SharedData.resolve("conformance/kics/dockerfile")),
                Files.list(SharedData.resolve("conformance/kics/compose")))) {
            folders = Stream.concat(kics.filter(Files::isDirectory),
                    Stream.of(SharedData.resolve("conformance/buildkit-parser"))).sorted().toList();
        }
        Reviewer reviewer = new Reviewer(AppRules.all());
        return folders.stream().map(folder -> DynamicTest.dynamicTest(SharedData.root().relativize(folder).toString(), () -> {
            List<ExplicitFile> files;
            try (Stream<Path> list = Files.walk(folder)) {
                files = list.filter(Files::isRegularFile).map(AppRulesRobustnessTest::typed).filter(f -> f != null).toList();
            }
            Project project = new ProjectLoader().load(folder, files);
            assertThatCode(() -> reviewer.review(project)).doesNotThrowAnyException();
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
