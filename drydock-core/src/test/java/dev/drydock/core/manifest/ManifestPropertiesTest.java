package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.RandomInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    /** Characters that delimit something in one of the formats: edits land near them half the time. */
    private static final String STRUCTURAL = "\"'[]{}()<>=,:;#\\\n";

    record Mutation(String[] sample, String text) {
        @Override
        public String toString() {
            return sample[0] + ": " + text;
        }
    }

    /** A truncation (one time in four) or a small edit inserting, deleting or replacing 1 to 4 noise characters. */
    static Mutation mutation(RandomInputs in) {
        String[] sample = in.pick(SAMPLES);
        String text = TestFiles.text(sample[0]);
        String mutated = in.oneIn(4) ? in.truncate(text) : in.edit(text, STRUCTURAL, () -> in.string(NOISE, 1, 4), 4);
        return new Mutation(sample, mutated);
    }

    @Test
    void mutatedManifestsGiveAResultOrAPositionedError() {
        RandomInputs.forEachSample("manifest mutations", 3000, ManifestPropertiesTest::mutation,
                ManifestPropertiesTest::resultOrPositionedError);
    }

    private static void resultOrPositionedError(Mutation m) {
        String[] sample = m.sample();
        String text = m.text();
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

    @Test
    void arbitraryTextNeverBreaksTheLineBasedReaders() {
        RandomInputs.forEachSample("line-based manifest noise", 1000, ManifestPropertiesTest::noise, text -> {
            for (String name : new String[] {"requirements.txt", "go.mod", "Gemfile", "build.gradle"}) {
                Manifests.parse(SourceFile.of(name, text), List.of()).orElseThrow();
            }
        });
    }

    static String noise(RandomInputs in) {
        return in.string(NOISE + "gemrqiuo", 0, 80);
    }

    @Test
    void pep508NeverThrows() {
        RandomInputs.forEachSample("PEP 508 noise", 300, ManifestPropertiesTest::noise, text -> {
            Pep508.Result r = Pep508.parse(text);
            assertThat(r.ok() || r.errorIndex() >= 0).isTrue();
        });
    }
}
