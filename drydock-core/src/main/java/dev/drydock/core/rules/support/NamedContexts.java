package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import java.util.Locale;

/**
 * The named build contexts a build is given besides its main context: compose's {@code build.additional_contexts}
 * ({@code docker buildx build --build-context NAME=...}). BuildKit looks a {@code COPY --from} or {@code FROM} name
 * up among the stages first, then among these, and only then reads it as an image: a name given here is a folder,
 * an image or another service's build that the compose file supplies, neither a missing stage nor a moving tag.
 */
public final class NamedContexts {

    private NamedContexts() {}

    /** Whether every container that runs the image is built with a named context of that name. */
    public static boolean supplies(BuiltImage image, String name) {
        if (name == null || image.containers().isEmpty()) {
            return false;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Container c : image.containers()) {
            var service = c.service();
            var build = service == null ? null : service.build();
            if (build == null || build.additionalContexts() == null || build.additionalContexts().keySet().stream()
                    .noneMatch(k -> k.toLowerCase(Locale.ROOT).equals(wanted))) {
                return false;
            }
        }
        return true;
    }
}
