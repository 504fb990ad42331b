package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Truncated and mutated real compose files only ever give a {@link SourceException} or diagnostics,
 * never another exception.
 */
class RobustnessPropertiesTest {

    private static List<String> corpus;
    private static Path dir;

    @BeforeContainer
    static void setUp() throws IOException {
        corpus = SchemaOracleTest.fixtures().stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        dir = Files.createTempDirectory("drydock-compose-props");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final List<String> SNIPPETS = List.of(":", "- ", "\n", "  ", "&a ", "*a", "<<: *a\n", "!reset ", "!override ",
            "${", "$", "${X:-", "}", "{", "[", "]", "\"", "'", "#", "|", ">", "\t", "? ", "---\n", "~", "null", "\uD83D\uDE00",
            "extends: x\n", "include: [x.yaml]\n", "ports: [\"80:80:80\"]\n", "\u0000", "\uFEFF", "\r");

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Integer> file = Arbitraries.integers().between(0, corpus.size() - 1);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
        Arbitrary<String> snippet = Arbitraries.of(SNIPPETS);
        return Combinators.combine(file, where, where, kind, snippet).as((f, a, b, k, s) -> {
            String text = corpus.get(f);
            int i = (int) (a * text.length());
            int j = Math.max(i, (int) (b * text.length()));
            return switch (k) {
                case 0 -> text.substring(0, i); // truncation
                case 1 -> text.substring(0, i) + s + text.substring(i); // insertion
                case 2 -> text.substring(0, i) + text.substring(j); // deletion
                default -> text.substring(0, i) + s + text.substring(j); // replacement
            };
        });
    }

    @Property(tries = 400)
    void mutationsOnlyGiveSourceExceptionsOrDiagnostics(@ForAll("mutated") String text) throws IOException {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, text);
        try {
            ComposeProject p = ComposeLoader.load(ComposeLoader.Options.of(dir, Map.of("X", "1")));
            assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.line()).isGreaterThanOrEqualTo(0));
        } catch (SourceException e) {
            assertThat(e.getMessage()).startsWith("compose.yaml");
        }
    }
}
