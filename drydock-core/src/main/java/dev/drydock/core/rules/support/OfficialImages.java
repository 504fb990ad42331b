package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.PublishersImages;

/**
 * The Docker Official Images ({@link PublishersImages#official}): the repositories of Docker Hub's library namespace,
 * which a bare name ({@code postgres}, {@code myapp-local}) means. {@link ImageReference#isOfficialImage()} says
 * only that a reference points into that namespace; this says whether anything is published there.
 */
public final class OfficialImages {

    private OfficialImages() {}

    /** Whether the reference names a Docker Official Image ({@code python:3.12}, {@code docker.io/library/redis}). */
    public static boolean published(ImageReference ref) {
        return PublishersImages.official(ref);
    }

    /**
     * Whether the reference points into Docker Hub's library namespace under a name no Official Image has
     * ({@code sentry-onpremise-local}): no registry serves it, so it exists only where a local build tagged it.
     */
    public static boolean unpublished(ImageReference ref) {
        return ref != null && ref.isOfficialImage() && !ref.imageName().contains("$")
                && !PublishersImages.officialName(ref.imageName());
    }
}
