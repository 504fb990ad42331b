package dev.drydock.core.discovery;

import java.util.List;

/** The files at a project's root that script its builds and checks besides CI (Makefile, justfile, ...). */
public final class TaskFiles {

    private TaskFiles() {}

    private static final List<String> NAMES = List.of("Makefile", "makefile", "GNUmakefile", "justfile",
            "Justfile", "Taskfile.yml", "Taskfile.yaml", ".pre-commit-config.yaml", "package.json");

    /** The task files present at the root of the project. */
    public static List<String> present(ProjectFiles files) {
        return NAMES.stream().filter(files::exists).toList();
    }
}
