package dev.drydock.core.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes small compose projects into a temporary directory and loads them. */
final class ComposeTesting {

    private ComposeTesting() {}

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeProject load(Path dir, String compose) {
        return load(dir, compose, Map.of());
    }

    static ComposeProject load(Path dir, String compose, Map<String, String> env) {
        write(dir, "compose.yaml", compose);
        return ComposeLoader.load(ComposeLoader.Options.of(dir, env));
    }
}
