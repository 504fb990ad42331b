package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileClassifier;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.dotenv.DotEnvParser;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceException;
import java.util.List;
import java.util.Optional;

/** The {@code .env} files of a project as rules read them. */
public final class EnvFiles {

    private EnvFiles() {}

    /** The statements of an env file of the project; empty when it is missing or cannot be read. */
    public static List<DotEnvEntry> entries(Project project, String path) {
        try {
            return project.source(path).map(f -> DotEnvParser.of(f).entries()).orElse(List.of());
        } catch (SourceException e) {
            return List.of();
        }
    }

    /**
     * The template of an env file that is kept out of the repository: the {@code .env.example}
     * (or {@code .sample}, {@code .template} ...) beside {@code path} whose name starts with its name; for a
     * {@code .env}, also a template of it by a name of its own ({@code example.env}, {@code env.example}), as
     * Compose projects ship it.
     */
    public static Optional<ProjectEntry> template(Project project, String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        List<ProjectEntry> beside = project.layout().envFiles().stream()
                .filter(e -> e.type() == FileType.ENV_TEMPLATE && e.directory().equals(dir)).toList();
        return beside.stream().filter(e -> e.name().startsWith(name)).findFirst()
                .or(() -> name.equals(".env") ? beside.stream()
                        .filter(e -> FileClassifier.isTemplateOfDotEnv(e.name())).findFirst() : Optional.empty());
    }

    /** The env template in the directory {@code dir} ({@code .env.example}) that declares the variable empty. */
    public static Optional<String> templateLeavingEmpty(Project project, String dir, String name) {
        for (ProjectEntry entry : project.layout().envFiles()) {
            if (entry.type() == FileType.ENV_TEMPLATE && entry.directory().equals(dir)
                    && entries(project, entry.path()).stream().anyMatch(
                            e -> e.key().equals(name) && (e.rawValue() == null || e.rawValue().isEmpty()))) {
                return Optional.of(entry.path());
            }
        }
        return Optional.empty();
    }

    /** The project path of the .env Compose reads for interpolation in this compose project: beside its compose file. */
    public static String composeDotEnv(dev.drydock.core.project.Project project,
            dev.drydock.core.compose.ComposeProject compose) {
        String dir = compose.projectDir() == null || !compose.projectDir().startsWith(project.root()) ? ""
                : project.root().relativize(compose.projectDir()).toString().replace('\\', '/');
        return dir.isEmpty() ? ".env" : dir + "/.env";
    }
}
