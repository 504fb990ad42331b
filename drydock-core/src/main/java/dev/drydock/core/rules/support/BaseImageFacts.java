package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.Locale;

/**
 * What drydock knows about common base images without pulling them: which ones run as a non-root
 * user by default. (Facts from the images' documentation; unknown images are assumed to keep
 * Docker's default, root.)
 */
public final class BaseImageFacts {

    private BaseImageFacts() {}

    /** Whether a container of this image runs as a non-root user when nothing sets USER. */
    public static boolean defaultsToNonRoot(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return false;
        }
        ImageReference ref = external.reference();
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTag() == null ? "" : ref.effectiveTag().toLowerCase(Locale.ROOT);
        if (name.startsWith("gcr.io/distroless/") || name.startsWith("cgr.dev/chainguard/")) {
            return tag.contains("nonroot") || name.startsWith("cgr.dev/chainguard/") && !tag.contains("dev");
        }
        return name.startsWith("docker.io/bitnami/") || name.equals("docker.io/nginxinc/nginx-unprivileged");
    }
}
