package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellOptions;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The project file an entry-point script of the image is a copy of, by its container path. */
@FunctionalInterface
public interface ScriptFiles {

    /** No script is known: every entry-point script is read on the {@code exec "$@"} convention. */
    ScriptFiles NONE = containerPath -> Optional.empty();

    /** The project file copied to {@code containerPath} (absolute), or empty when none can be told. */
    Optional<SourceFile> find(String containerPath);

    /**
     * The container paths of the project files the image has directly in {@code folder} (an absolute container path),
     * in name order; empty when none can be told.
     */
    default List<String> inFolder(String folder) {
        return List.of();
    }

    /** The project file copied to {@code containerPath}, parsed as a shell script; empty when none can be told. */
    default Optional<ShellScript> parsed(String containerPath) {
        return find(containerPath).map(ScriptFiles::parse);
    }

    /** A project file parsed as a shell script: once per review when these files are {@linkplain #cached cached}. */
    default ShellScript parsed(SourceFile file) {
        return parse(file);
    }

    /**
     * A whole file parsed as a shell script, with the options its {@code #!} line gives the shell ({@code #!/bin/sh
     * -e} starts with errexit on), as when the container executes the file.
     */
    static ShellScript parse(SourceFile file) {
        ShellOptions options = ShellOptions.ofShellCommand(Shebang.of(file.text()).map(Shebang::command).orElse(List.of()));
        return ShellScript.parse(MappedText.of(file, 0, file.text().length()), options);
    }

    /** These script files, each found, listed and parsed once however often it is asked for. */
    static ScriptFiles cached(ScriptFiles files) {
        return cached(files, new ConcurrentHashMap<>());
    }

    /**
     * These script files, each found once, and each project file parsed once in {@code parses} (by its project path),
     * which the images of one review share: two images that copy the same script read one parse of it.
     */
    static ScriptFiles cached(ScriptFiles files, Map<String, ShellScript> parses) {
        if (files instanceof Cached) {
            return files;
        }
        return new Cached(files, parses);
    }

    /** {@link #cached}. */
    final class Cached implements ScriptFiles {
        private final ScriptFiles files;
        private final Map<String, Optional<SourceFile>> found = new ConcurrentHashMap<>();
        private final Map<String, List<String>> folders = new ConcurrentHashMap<>();
        private final Map<String, ShellScript> parses;

        private Cached(ScriptFiles files, Map<String, ShellScript> parses) {
            this.files = files;
            this.parses = parses;
        }

        @Override
        public Optional<SourceFile> find(String containerPath) {
            return found.computeIfAbsent(containerPath, files::find);
        }

        @Override
        public Optional<ShellScript> parsed(String containerPath) {
            return find(containerPath).map(this::parsed);
        }

        @Override
        public List<String> inFolder(String folder) {
            return folders.computeIfAbsent(folder, files::inFolder);
        }

        @Override
        public ShellScript parsed(SourceFile file) {
            ShellScript known = parses.get(file.path());
            if (known != null && known.text().file().text().equals(file.text())) {
                return known;
            }
            ShellScript parsed = parse(file);
            parses.put(file.path(), parsed);
            return parsed;
        }
    }
}
