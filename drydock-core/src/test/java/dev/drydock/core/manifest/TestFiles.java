package dev.drydock.core.manifest;

import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads sample manifests from the test resources. */
final class TestFiles {

    private TestFiles() {}

    static SourceFile resource(String name, String path) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/manifest/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return SourceFile.of(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return resource(name, name).text();
    }
}
