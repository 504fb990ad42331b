package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
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
 * Every fixture folder of the shared conformance data (KICS's Dockerfile and compose cases,
 * BuildKit's parser test files) and the example projects, read and reviewed with every rule:
 * whatever is wrong in them comes back as diagnostics or findings with a file and position, never
 * as an exception, and every finding has a message, a recommendation and a location in a file of
 * the project (or the project as a whole).
 */
class ProjectRobustnessTest {

    @TestFactory
    Stream<DynamicTest> everySharedFixtureFolderIsReadAndReviewed() throws IOException {
        List<Path> folders;
        try (Stream<Path> kics = Stream.concat(
                Files.list(SharedData.resolve("conformance/kics/dockerfile")),
                Files.list(SharedData.resolve("conformance/kics/compose")))) {
            folders = kics.filter(Files::isDirectory).sorted().toList();
        }
        List<Path> ownExamples;
        try (Stream<Path> list = Files.list(Path.of("").toAbsolutePath().getParent().resolve("examples"))) {
            ownExamples = list.filter(Files::isDirectory).sorted().toList();
        }
        Stream<Path> projects = Stream.concat(Stream.of(SharedData.resolve("examples/unify")), ownExamples.stream());
        ProjectLoader loader = new ProjectLoader();
        Reviewer reviewer = Reviewer.standard();
        Stream<DynamicTest> fixtures = Stream.concat(folders.stream(), Stream.of(SharedData.resolve("conformance/buildkit-parser")))
                .map(folder -> DynamicTest.dynamicTest(SharedData.root().relativize(folder).toString(), () -> {
                    List<ExplicitFile> files;
                    try (Stream<Path> list = Files.walk(folder)) {
                        files = list.filter(Files::isRegularFile).map(ProjectRobustnessTest::typed)
                                .filter(f -> f != null).toList();
                    }
                    Project project = loader.load(folder, files);
                    assertThat(project.layout().entries()).hasSizeGreaterThanOrEqualTo(files.size());
                    check(project, reviewer.review(project));
                }));
        Stream<DynamicTest> examples = projects.map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            Project project = loader.load(folder);
            check(project, reviewer.review(project));
        }));
        return Stream.concat(fixtures, examples);
    }

    private static void check(Project project, Review review) {
        assertThat(project.diagnostics()).allSatisfy(d -> assertThat(d.path()).isNotBlank());
        for (Finding f : review.findings()) {
            assertThat(f.message()).isNotBlank();
            assertThat(f.effectiveRecommendation()).isNotBlank();
            if (f.location().file() != null && !f.ruleId().equals("file-not-read")) { // it may name a missing file
                assertThat(project.source(f.location().file())).as(f.location().file()).isPresent();
            }
        }
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
