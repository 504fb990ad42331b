package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.HashSet;
import java.util.Set;

/**
 * The image names the project's compose services build and tag themselves (a service with both
 * {@code build} and {@code image}): a Dockerfile that starts FROM one of them uses the image built beside
 * it, not one pulled from a registry. Images under the registry name localhost are local too: podman and
 * buildah name what they build localhost/NAME, and a registry on localhost is the build machine's own.
 */
public final class LocallyBuiltImages {

    private LocallyBuiltImages() {}

    /** Whether {@code reference} names an image a compose service of the project builds. */
    public static boolean contains(ReviewContext context, ImageReference reference) {
        return reference != null && reference.isImage() && !reference.isPinnedByDigest()
                && (onLocalhost(reference) || names(context).contains(key(reference)));
    }

    private static boolean onLocalhost(ImageReference reference) {
        String registry = reference.registry();
        return registry.equals("localhost") || registry.startsWith("localhost:");
    }

    private static Set<String> names(ReviewContext context) {
        return context.memo("locally-built-images", LocallyBuiltImages.class, LocallyBuiltImages::collect);
    }

    private static Set<String> collect(ReviewContext context) {
        Set<String> names = new HashSet<>();
        for (Container container : context.builtContainers()) {
            if (container.image() != null) {
                ImageReference.tryParse(container.image()).filter(ImageReference::isImage)
                        .ifPresent(ref -> names.add(key(ref)));
            }
        }
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names));
    }

    private static String key(ImageReference reference) {
        return reference.fullName() + ":" + reference.effectiveTag();
    }
}
