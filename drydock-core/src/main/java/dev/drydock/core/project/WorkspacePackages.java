package dev.drydock.core.project;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.source.SourceException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Node packages of a build context by their package.json name, for commands that name a workspace package
 * ({@code pnpm --filter=@shop/api deploy out}): the package's folder, relative to the context. The package.json files
 * are read on the first question, once.
 */
public final class WorkspacePackages implements Function<String, Optional<String>> {

    private final ProjectLayout layout;
    private final ProjectFiles files;
    private final String context;
    private Map<String, String> byName;

    private WorkspacePackages(ProjectLayout layout, ProjectFiles files, String context) {
        this.layout = layout;
        this.files = files;
        this.context = context;
    }

    /** The packages of the build context {@code context} (project-relative, "" or "." for the root). */
    public static WorkspacePackages of(ProjectLayout layout, ProjectFiles files, String context) {
        return new WorkspacePackages(layout, files, context.equals(".") ? "" : context);
    }

    /** The context-relative folder of the package named {@code name}; empty when none, or more than one, has it. */
    @Override
    public Optional<String> apply(String name) {
        if (byName == null) {
            byName = read();
        }
        return Optional.ofNullable(byName.get(name)).filter(folder -> !folder.equals(AMBIGUOUS));
    }

    private static final String AMBIGUOUS = "\0";

    private Map<String, String> read() {
        Map<String, String> out = new HashMap<>();
        for (ProjectEntry entry : layout.entries(FileType.PACKAGE_JSON)) {
            if (!PathNames.isUnder(entry.path(), context) || entry.path().contains("node_modules/")) {
                continue;
            }
            Optional<String> name;
            try {
                name = PackageJson.of(files.read(entry).file()).name();
            } catch (SourceException | java.io.UncheckedIOException e) {
                continue;
            }
            String folder = PathNames.parent(entry.path());
            String relative = context.isEmpty() ? folder
                    : folder.equals(context) ? "" : folder.substring(context.length() + 1);
            name.ifPresent(n -> out.merge(n, relative, (a, b) -> AMBIGUOUS));
        }
        return out;
    }
}
