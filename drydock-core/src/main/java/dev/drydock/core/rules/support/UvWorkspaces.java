package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.Glob;
import dev.drydock.core.manifest.PyProject;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** uv workspaces: a pyproject.toml with a {@code [tool.uv.workspace]} table, whose members share its uv.lock. */
public final class UvWorkspaces {

    private UvWorkspaces() {}

    /**
     * The pyproject.toml of every member of the workspace whose root is {@code dir}, root-relative and in path
     * order; empty when {@code dir} is not the root of a uv workspace.
     */
    public static Optional<List<String>> memberManifests(ReviewContext context, String dir) {
        return root(context, dir).map(file -> context.memo("uv-workspace-members", file,
                () -> members(context.project(), dir, file)));
    }

    /** Whether {@code dir} is the root of a uv workspace with its uv.lock beside it. */
    public static boolean lockedRoot(ReviewContext context, String dir) {
        return context.project().layout().entry(PathNames.join(dir, "uv.lock")).isPresent()
                && root(context, dir).isPresent();
    }

    private static Optional<SourceFile> root(ReviewContext context, String dir) {
        return context.project().source(PathNames.join(dir, "pyproject.toml"))
                .filter(file -> file.text().contains("[tool.uv.workspace]"));
    }

    private static List<String> members(Project project, String dir, SourceFile file) {
        List<String> globs;
        try {
            globs = PyProject.of(file).uvWorkspaceMembers();
        } catch (SourceException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ProjectEntry entry : project.layout().entries(FileType.PYPROJECT_TOML)) {
            String folder = PathNames.parent(entry.path());
            if (!folder.equals(dir) && globs.stream().anyMatch(g -> Glob.matches(PathNames.join(dir, g), folder))) {
                out.add(entry.path());
            }
        }
        return out.stream().sorted().toList();
    }
}
