package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;

/** The next.config of a Next.js application folder, in whichever of its file names Next reads. */
final class NextConfig {

    private static final List<String> NAMES = List.of("next.config.js", "next.config.mjs", "next.config.cjs",
            "next.config.ts", "next.config.mts");

    private NextConfig() {}

    /** The first next.config found in {@code dir} (a project path), in Next's order of names. */
    static Optional<SourceFile> in(ReviewContext context, String dir) {
        for (String name : NAMES) {
            Optional<SourceFile> config = context.project().source(PathNames.join(dir, name));
            if (config.isPresent()) {
                return config;
            }
        }
        return Optional.empty();
    }
}
