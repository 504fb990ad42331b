package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Docker Official Images ({@code official-images.txt}): the repositories of Docker Hub's library namespace,
 * which a bare name ({@code postgres}, {@code myapp-local}) means. {@link ImageReference#isOfficialImage()} says
 * only that a reference points into that namespace; this says whether anything is published there.
 */
public final class OfficialImages {

    private static final Set<String> NAMES = load();

    private OfficialImages() {}

    /** Whether the reference names a Docker Official Image ({@code python:3.12}, {@code docker.io/library/redis}). */
    public static boolean published(ImageReference ref) {
        return ref != null && ref.isOfficialImage() && NAMES.contains(ref.imageName().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the reference points into Docker Hub's library namespace under a name no Official Image has
     * ({@code sentry-onpremise-local}): no registry serves it, so it exists only where a local build tagged it.
     */
    public static boolean unpublished(ImageReference ref) {
        return ref != null && ref.isOfficialImage() && !ref.imageName().contains("$")
                && !NAMES.contains(ref.imageName().toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        Set<String> names = new HashSet<>();
        try (InputStream in = OfficialImages.class.getResourceAsStream("official-images.txt")) {
            if (in == null) {
                throw new IllegalStateException("official-images.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
