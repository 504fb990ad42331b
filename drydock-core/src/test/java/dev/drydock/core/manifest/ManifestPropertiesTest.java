package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Truncations and small edits of real sample files must give a result or a positioned
 * {@link SourceException}, never any other exception.
 */
class ManifestPropertiesTest {

    private static final List<String[]> SAMPLES = List.of(
            new String[] {"requirements-full.txt", "requirements.txt"},
            new String[] {"pyproject-pep621.toml", "pyproject.toml"},
            new String[] {"pyproject-poetry.toml", "pyproject.toml"},
            new String[] {"Pipfile", "Pipfile"},
            new String[] {"package.json", "package.json"},
            new String[] {"pom.xml", "pom.xml"},
            new String[] {"build.gradle", "build.gradle"},
            new String[] {"build.gradle.kts", "build.gradle.kts"},
            new String[] {"go.mod", "go.mod"},
            new String[] {"Gemfile", "Gemfile"});

    private static final String NOISE = "\"'[]{}()<>=,:;#\\\n\r\t -~^*!@$/.0a";

    record Mutation(int sample, int position, int kind, String insert) {}

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                Arbitraries.integers().between(0, SAMPLES.size() - 1),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(0, 3),
                Arbitraries.strings().withChars(NOISE).ofMinLength(1).ofMaxLength(4))
                .as(Mutation::new);
    }

    static String mutate(String text, Mutation m) {
        int at = text.isEmpty() ? 0 : m.position() % (text.length() + 1);
        return switch (m.kind()) {
            case 0 -> text.substring(0, at); // truncation
            case 1 -> text.substring(0, at) + m.insert() + text.substring(at); // insertion
            case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + m.insert().length())); // deletion
            default -> text.substring(0, at) + m.insert() + text.substring(Math.min(text.length(), at + m.insert().length()));
        };
    }

    @Property(tries = 3000)
    void mutatedManifestsGiveAResultOrAPositionedError(@ForAll("mutations") Mutation m) {
        String[] sample = SAMPLES.get(m.sample());
        String text = mutate(TestFiles.text(sample[0]), m);
        SourceFile file = SourceFile.of(sample[1], text);
        ManifestKind kind = Manifests.kindOf(sample[1]).orElseThrow();
        try {
            Manifest manifest = Manifests.parse(kind, file, List.of("poetry.lock", "Gemfile.lock"));
            assertThat(manifest.ecosystem()).isEqualTo(kind.ecosystem());
            manifest.dependencies().forEach(d -> {
                assertThat(d.span().start()).isBetween(0, text.length());
                assertThat(d.span().end()).isBetween(d.span().start(), text.length());
            });
            manifest.diagnostics().forEach(d -> assertThat(d.line()).isBetween(0, file.lineCount()));
        } catch (SourceException e) {
            assertThat(e.path()).isEqualTo(sample[1]);
            assertThat(e.line()).isBetween(0, file.lineCount() + 1);
        }
    }

    @Property(tries = 1000)
    void arbitraryTextNeverBreaksTheLineBasedReaders(@ForAll("noise") String text) {
        for (String name : new String[] {"requirements.txt", "go.mod", "Gemfile", "build.gradle"}) {
            Manifests.parse(SourceFile.of(name, text), List.of()).orElseThrow();
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars(NOISE + "gemrqiuo").ofMaxLength(80);
    }

    @Property(tries = 300)
    void pep508NeverThrows(@ForAll("noise") String text) {
        Pep508.Result r = Pep508.parse(text);
        assertThat(r.ok() || r.errorIndex() >= 0).isTrue();
    }
}
