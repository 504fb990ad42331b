package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

/** The tree built from the TOML parser's tokens is the one Jackson's TomlMapper reads. */
class TomlTest {

    private static final String PYPROJECT = """
            [build-system]
            requires = ["hatchling>=1.21"]
            build-backend = "hatchling.build"

            [project]
            name = "inventory"
            version = "1.2.0"
            requires-python = ">=3.11"
            dependencies = ["fastapi==0.115.6", "uvicorn[standard]==0.34.0"]
            keywords = []

            [project.optional-dependencies]
            dev = ["pytest>=8", "httpx"]

            [project.scripts]
            inventory = "inventory.main:run"

            [tool.numbers]
            small = 42
            large = 9_000_000_000
            huge = 123456789012345678901234567890
            ratio = 0.5
            exponent = 6.02e23
            on = true
            off = false
            released = 2024-05-27T07:32:00Z
            day = 1979-05-27
            points = [ { x = 1, y = 2 }, { x = 7, y = 8 } ]
            nested = [[1, 2], ["a", "b"]]
            inline = { a = "b", c = { d = "e" } }

            [[tool.servers]]
            name = "alpha"

            [[tool.servers]]
            name = "beta"
            """;

    @Test
    void theTreeEqualsWhatTomlMapperReads() throws Exception {
        assertThat(Toml.read(SourceFile.of("pyproject.toml", PYPROJECT))).isEqualTo(new TomlMapper().readTree(PYPROJECT));
    }

    @Test
    void anEmptyFileIsAnEmptyTable() {
        assertThat(Toml.read(SourceFile.of("pyproject.toml", "")).isObject()).isTrue();
        assertThat(Toml.read(SourceFile.of("pyproject.toml", "# only a comment\n")).size()).isZero();
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        assertThatThrownBy(() -> Toml.read(SourceFile.of("pyproject.toml", "[project]\nname = \n")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("pyproject.toml:2")
                .hasMessageContaining("invalid TOML");
    }
}
