package dev.drydock.core.app;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.Manifests;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds in-memory projects for the reader's tests: {@code "path", "text", "path", "text", ...}. */
final class AppTesting {

    private AppTesting() {}

    static SourceSet files(String... pathsAndTexts) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.add(SourceFile.of(pathsAndTexts[i], pathsAndTexts[i + 1]));
        }
        return SourceSet.of(files.toArray(SourceFile[]::new));
    }

    /** Reads the application the command starts, with {@code entry} as the entry file. */
    static AppSource read(SourceSet files, String entry, String... argv) {
        EntryPoint ep = EntryPoints.interpret(List.of(argv), false, Map.of(), "/app");
        return AppSource.read(files, "", entry == null ? List.of() : List.of(entry), ep, List.of(), Map.of());
    }

    static AppSource read(SourceSet files, List<Manifest> manifests, Map<String, String> env, String... argv) {
        EntryPoint ep = EntryPoints.interpret(List.of(argv), false, env, "/app");
        return AppSource.read(files, "", List.of(), ep, manifests, env);
    }

    static Manifest manifest(String path, String text) {
        return Manifests.parse(SourceFile.of(path, text), List.of()).orElseThrow();
    }
}
