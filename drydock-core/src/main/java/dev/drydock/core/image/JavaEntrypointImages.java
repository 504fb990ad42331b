package dev.drydock.core.image;

import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Java runtime images whose own ENTRYPOINT already starts java, so that a derived image's CMD only supplies
 * java's arguments: Google's distroless Java images ({@code gcr.io/distroless/java17-debian12} ...) run
 * {@code java -jar} and expect the jar's path as CMD; Chainguard's JRE ({@code cgr.dev/chainguard/jre}) runs
 * {@code java} and takes its arguments ({@code -jar app.jar}, {@code -version}). Debug and -dev variants are left
 * out: their entry point is not documented alike.
 */
public final class JavaEntrypointImages {

    private JavaEntrypointImages() {}

    /** The arguments the image's ENTRYPOINT starts with ({@code java -jar}, {@code java}); empty for any other image. */
    public static Optional<List<String>> entrypoint(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        if (name.startsWith("gcr.io/distroless/java") && !tag.contains("debug")) {
            return Optional.of(List.of("java", "-jar"));
        }
        if (name.equals("cgr.dev/chainguard/jre") && !tag.contains("dev")) {
            return Optional.of(List.of("java"));
        }
        return Optional.empty();
    }
}
