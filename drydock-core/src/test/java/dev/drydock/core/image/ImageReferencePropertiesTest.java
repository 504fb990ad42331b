package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ImageReferencePropertiesTest {

    @Provide
    Arbitrary<String> referenceLike() {
        Arbitrary<String> tokens = Arbitraries.of(
                "a", "b", "z9", "A", "/", "//", ":", "@", ".", "_", "__", "-", "--", "5000", "localhost", "docker.io",
                "index.docker.io", "library", "ghcr.io", "[", "]", "::1", "sha256", "sha512", "f".repeat(32),
                "f".repeat(64), "$", "${X}", " ", "latest", "3.12-slim", "é", "\u0000");
        return tokens.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void parsingFailsOnlyWithTheDocumentedException(@ForAll("referenceLike") String input) {
        check(input);
    }

    @Property(tries = 1000)
    void arbitraryStrings(@ForAll String input) {
        check(input);
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
            ImageReference familiar = ImageReference.parse(ref.familiarString());
            assertThat(familiar.fullName()).isEqualTo(ref.fullName());
            assertThat(familiar.tag()).isEqualTo(ref.tag());
        }
        if (ref.tag() != null) {
            assertThat(ref.version()).isNotNull();
        }
    }
}
