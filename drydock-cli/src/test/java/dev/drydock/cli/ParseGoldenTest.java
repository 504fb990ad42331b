package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code drydock parse} of the repository's example project, compared with golden files under
 * {@code src/test/resources/golden/}. After an intended change, rewrite them with
 * {@code ./build verify -Ddrydock.updateGolden=true} and review the diff.
 */
class ParseGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @CsvSource({"text, flask-notes.parse.txt", "json, flask-notes.parse.json"})
    void exampleProjectReadsAsRecorded(String format, String golden) throws IOException {
        Path example = Path.of("").toAbsolutePath().getParent().resolve("examples/flask-notes");
        StringWriter out = new StringWriter();
        int exit = Main.run(new String[] {"parse", example.toString(), "--format", format}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(exit).isZero();
        String actual = out.toString().replace(example.toString(), "<root>");
        Path file = GOLDEN.resolve(golden);
        if (Boolean.getBoolean("drydock.updateGolden")) {
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }
}
