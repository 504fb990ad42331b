package dev.drydock.core.rules.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
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
 * The context rules on every folder of shared test data (KICS's Dockerfile and compose fixtures,
 * positive and negative, the example projects): they never fail, and every finding has a message,
 * a recommendation and a location inside a file of the project (or the project as a whole).
 */
class ContextRulesRobustnessTest {

    @TestFactory
    Stream<DynamicTest> everySharedFolderIsReviewed() throws IOException {
        List<Path> folders;
        try (Stream<Path> kics = Stream.concat(
                Files.list(SharedData.resolve("conformance/kics/dockerfile")),
                Files.list(SharedData.resolve("conformance/kics/compose")))) {
            folders = Stream.concat(kics.filter(Files::isDirectory),
                    Stream.of(SharedData.resolve("examples/unify"), Path.of("../examples/flask-notes")))
                    .sorted().toList();
        }
        Reviewer reviewer = new Reviewer(ContextRules.all());
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            List<ExplicitFile> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).map(ContextRulesRobustnessTest::typed)
                        .filter(f -> f != null).toList();
            }
            Project project = files.isEmpty() || folder.endsWith("unify") || folder.endsWith("flask-notes")
                    ? new ProjectLoader().load(folder) : new ProjectLoader().load(folder, files);
            Review review = reviewer.review(project);
            for (Finding f : review.findings()) {
                assertThat(f.message()).isNotBlank();
                assertThat(f.effectiveRecommendation()).isNotBlank();
                if (f.location().file() != null) {
                    assertThat(project.source(f.location().file())).as(f.location().file()).isPresent();
                }
            }
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
