package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.testing.RandomInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageReferencePropertiesTest {

    private static final List<String> TOKENS = List.of(
            "a", "b", "z9", "A", "/", "//", ":", "@", ".", "_", "__", "-", "--", "5000", "localhost", "docker.io",
            "index.docker.io", "library", "ghcr.io", "[", "]", "::1", "sha256", "sha512", "f".repeat(32),
            "f".repeat(64), "$", "${X}", " ", "latest", "3.12-slim", "é", "\u0000");

    /** Up to 12 reference-like tokens joined. */
    static String referenceLike(RandomInputs in) {
        return in.concat(TOKENS, 0, 12);
    }

    @Test
    void parsingFailsOnlyWithTheDocumentedException() {
        RandomInputs.forEachSample("reference-like strings", 3000, ImageReferencePropertiesTest::referenceLike,
                ImageReferencePropertiesTest::check);
    }

    @Test
    void arbitraryStrings() {
        RandomInputs.forEachSample("arbitrary strings", 1000, in -> in.anyString(255), ImageReferencePropertiesTest::check);
    }

    private static void check(String input) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(input);
        } catch (InvalidImageReferenceException e) {
            assertThat(e.reason()).isNotBlank();
            return;
        }
        if (!ref.isImage()) {
            return;
        }
        // the normalised forms parse back to the same image
        ImageReference canonical = ImageReference.parse(ref.canonicalString());
        assertThat(canonical.repository()).isEqualTo(ref.repository());
        assertThat(canonical.effectiveTag()).isEqualTo(ref.effectiveTag());
        assertThat(canonical.digest()).isEqualTo(ref.digest());
        if (!ref.registry().isEmpty() && ref.registry().equals(ref.registry().toLowerCase())) {
            assertThat(canonical.registry()).isEqualTo(ref.registry());
            // library/<64 hex digits> is a valid name whose familiar form alone is not: the reference grammar
            // refuses a whole reference that looks like an image ID, as Docker does
            if (!ref.familiarName().matches("[a-f0-9]{64}")) {
                ImageReference familiar = ImageReference.parse(ref.familiarString());
                assertThat(familiar.fullName()).isEqualTo(ref.fullName());
                assertThat(familiar.tag()).isEqualTo(ref.tag());
            }
        }
        if (ref.tag() != null) {
            assertThat(ref.version()).isNotNull();
        }
    }
}
