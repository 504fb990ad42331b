package dev.drydock.bench;

import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Benchmark inputs read once into memory: real files from the folders given by the system property
 * {@code drydock.bench.corpus} (path-separated), else the repository's examples and the shared
 * conformance data beside the clone.
 */
final class Corpus {

    private Corpus() {}

    static List<SourceFile> dockerfiles() {
        return load(name -> name.equals("Dockerfile") || name.endsWith(".dockerfile") || name.endsWith(".Dockerfile")
                || name.startsWith("Dockerfile."));
    }

    static List<SourceFile> composeFiles() {
        return load(name -> (name.endsWith(".yaml") || name.endsWith(".yml"))
                && (name.contains("compose") || name.startsWith("positive") || name.startsWith("negative")));
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("drydock")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the benchmarks from inside the drydock repository");
    }

    private static List<SourceFile> load(Predicate<String> accept) {
        List<Path> roots = new ArrayList<>();
        String given = System.getProperty("drydock.bench.corpus");
        if (given != null) {
            for (String part : given.split(java.io.File.pathSeparator)) {
                roots.add(Path.of(part));
            }
        } else {
            Path repo = repositoryRoot();
            roots.add(repo.resolve("examples"));
            roots.add(repo.resolveSibling("shared").resolve("conformance"));
            roots.add(repo.resolveSibling("shared").resolve("examples"));
        }
        List<SourceFile> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                    if (accept.test(path.getFileName().toString())) {
                        files.add(SourceFile.of(root.relativize(path).toString(), Files.readString(path)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no input files under " + roots);
        }
        return files;
    }
}
