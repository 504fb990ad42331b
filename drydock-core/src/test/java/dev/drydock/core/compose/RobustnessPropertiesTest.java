package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.testing.RandomInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated and mutated real compose files only ever give a {@link SourceException} or diagnostics,
 * never another exception.
 */
class RobustnessPropertiesTest {

    private static List<String> corpus;

    @BeforeAll
    static void setUp() throws IOException {
        corpus = SchemaOracleTest.fixtures().stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static final List<String> SNIPPETS = List.of(":", "- ", "\n", "  ", "&a ", "*a", "<<: *a\n", "!reset ", "!override ",
            "${", "$", "${X:-", "}", "{", "[", "]", "\"", "'", "#", "|", ">", "\t", "? ", "---\n", "~", "null", "\uD83D\uDE00",
            "extends: x\n", "include: [x.yaml]\n", "ports: [\"80:80:80\"]\n", "\u0000", "\uFEFF", "\r");

    /** Characters YAML and compose interpolation decide on: edits land next to them half the time. */
    private static final String STRUCTURAL = ":-\n\"'[]{}#|>&*!$";

    /**
     * One of the fixtures, truncated (one time in four) or with one edit: a snippet inserted, or a
     * range of any length deleted or replaced with a snippet.
     */
    static String mutated(RandomInputs in) {
        String text = in.pick(corpus);
        return in.oneIn(4) ? in.truncate(text) : in.edit(text, STRUCTURAL, () -> in.pick(SNIPPETS), text.length());
    }

    @Test
    void mutationsOnlyGiveSourceExceptionsOrDiagnostics(@TempDir Path dir) {
        Path file = dir.resolve("compose.yaml");
        RandomInputs.forEachSample("compose mutations", 400, RobustnessPropertiesTest::mutated, text -> {
            Files.writeString(file, text);
            try {
                ComposeProject p = ComposeLoader.load(ComposeLoader.Options.of(dir, Map.of("X", "1")));
                assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.line()).isGreaterThanOrEqualTo(0));
            } catch (SourceException e) {
                assertThat(e.getMessage()).startsWith("compose.yaml");
            }
        });
    }
}
