package dev.drydock.core.discovery;

import java.nio.file.Path;

/**
 * A file named on the command line: classified by its name unless {@code as} says what it is (the
 * user insists {@code deploy/app.df} is a Dockerfile).
 */
public record ExplicitFile(Path path, FileType as) {

    public static ExplicitFile of(Path path) {
        return new ExplicitFile(path, null);
    }

    public static ExplicitFile as(Path path, FileType type) {
        return new ExplicitFile(path, type);
    }
}
