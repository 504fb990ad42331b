package dev.drydock.core.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's own parser test files: same AST dumps, same rejections, same line numbers. */
class BuildkitConformanceTest {

    private static final Path ROOT = SharedData.resolve("conformance/buildkit-parser");

    @TestFactory
    Stream<DynamicTest> everyTestfileDumpsAsBuildkitDoes() {
        return cases("testfiles").map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Dockerfile dockerfile = DockerfileParser.parse(read(dir.resolve("Dockerfile")));
            String expected = Files.readString(dir.resolve("result"), StandardCharsets.UTF_8);
            assertThat(BuildkitAstDump.dump(dockerfile) + "\n").isEqualTo(expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyNegativeTestfileIsRejected() {
        return cases("testfiles-negative").map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            SourceFile file = read(dir.resolve("Dockerfile"));
            assertThatThrownBy(() -> DockerfileParser.parse(file))
                    .isInstanceOf(SourceException.class)
                    .satisfies(e -> assertThat(((SourceException) e).path()).isEqualTo(file.path()));
        }));
    }

    @Test
    void negativeTestfilesFailWhereBuildkitFails() {
        assertThatThrownBy(() -> DockerfileParser.parse(read(ROOT.resolve("testfiles-negative/env_no_value/Dockerfile"))))
                .hasMessageEndingWith(":3:5: ENV must have two arguments");
        assertThatThrownBy(() -> DockerfileParser.parse(read(ROOT.resolve("testfiles-negative/shykes-nested-json/Dockerfile"))))
                .hasMessageEndingWith(":1:15: when using JSON array syntax, arrays must be comprised of strings only");
        assertThatThrownBy(() -> DockerfileParser.parse(read(ROOT.resolve("testfiles-negative/empty_dockerfile/Dockerfile"))))
                .hasMessageEndingWith(":1:1: file with no instructions");
        assertThatThrownBy(() -> DockerfileParser.parse(read(ROOT.resolve("testfiles-negative/only_comments/Dockerfile"))))
                .hasMessageEndingWith(":3:1: file with no instructions");
    }

    @Test
    void instructionsSpanTheLinesBuildkitReports() {
        Dockerfile dockerfile = DockerfileParser.parse(read(ROOT.resolve("testfile-line/Dockerfile")));
        List<Instruction> instructions = dockerfile.instructions();
        assertThat(instructions).hasSize(3);
        assertThat(instructions).extracting(i -> List.of(i.startLine(), i.endLine()))
                .containsExactly(List.of(5, 5), List.of(11, 12), List.of(17, 31));
        assertThat(instructions).extracting(i -> List.of(i.span().startLine(), i.span().endLine()))
                .containsExactly(List.of(5, 5), List.of(11, 12), List.of(17, 31));
        assertThat(dockerfile.span().startLine()).isEqualTo(5);
        assertThat(dockerfile.span().endLine()).isEqualTo(31);
    }

    static Stream<Path> cases(String folder) {
        try (Stream<Path> dirs = Files.list(ROOT.resolve(folder))) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile read(Path path) {
        try {
            return SourceFile.of(ROOT.relativize(path).toString(), new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
