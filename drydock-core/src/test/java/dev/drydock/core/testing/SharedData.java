package dev.drydock.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data folder ({@code shared/}, beside the repository clone): conformance
 * suites, reference material and example projects. The system property {@code drydock.shared}
 * overrides the search.
 */
public final class SharedData {

    private SharedData() {}

    public static Path root() {
        String override = System.getProperty("drydock.shared");
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("conformance"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared test data folder (../shared beside the clone) was not found");
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
